# KoproGo — français.

common-loading = Chargement…
common-skip_to_content = Aller au contenu
common-back_to_login = Retour à la connexion
common-actions = Actions

nav-main = Navigation principale
nav-dashboard = Tableau de bord
nav-members = Membres
nav-settings = Paramètres

menu-language = Langue
menu-organization = Organisation
menu-switch = Changer
menu-user = Menu du compte
menu-password = Changer le mot de passe
menu-tokens = Jetons d'API
menu-logout = Se déconnecter

login-title = Connexion
login-submit = Se connecter
login-forgot = Mot de passe oublié ?
auth-invalid_credentials = L'adresse e-mail ou le mot de passe est incorrect.

forgot-title = Réinitialiser le mot de passe
forgot-intro = Indiquez l'adresse e-mail de votre compte. Nous vous enverrons un lien pour choisir un nouveau mot de passe.
forgot-submit = Envoyer le lien
forgot-sent = Si un compte existe pour cette adresse, un lien est en route. Il est valable une heure.

reset-title = Choisir un nouveau mot de passe
reset-submit = Enregistrer le mot de passe
reset-done = Votre mot de passe a été changé. Vous pouvez vous connecter avec lui.
reset-invalid_link = Ce lien n'est pas valide ou a expiré. Demandez-en un nouveau.

invitation-title = Rejoindre KoproGo
invitation-intro = Vous êtes invité·e à rejoindre { $organization } en tant que { $role }.
invitation-has_account = Vous avez déjà un compte : confirmez avec son mot de passe.
invitation-submit = Accepter l'invitation
invitation-invalid_link = Cette invitation n'est pas valide, a expiré ou a déjà été utilisée.

field-email = Adresse e-mail
field-password = Mot de passe
field-new_password = Nouveau mot de passe
field-current_password = Mot de passe actuel
field-display_name = Nom
field-token_name = Nom du jeton
field-token_days = Expire après (jours, facultatif)
field-roles = Rôles
field-role = Rôle

password-policy = Au moins 10 caractères. Une phrase de quelques mots est facile à retenir et difficile à deviner.
password-required = Indiquez un mot de passe.
password-too_short = Le mot de passe doit compter au moins 10 caractères.
password-too_long = Le mot de passe doit compter au plus 128 caractères.
password-same_as_email = Le mot de passe ne peut pas être votre adresse e-mail.
password-wrong_current = Le mot de passe est incorrect.

email-required = Indiquez une adresse e-mail.
email-invalid = Indiquez une adresse e-mail valide, par exemple nom@exemple.be.
display_name-required = Indiquez un nom.
display_name-too_long = Le nom peut compter au plus 120 caractères.
role-required = Choisissez un rôle.
role-invalid = Choisissez un des rôles proposés.
role-super_admin = administrateur de la plateforme
role-syndic = syndic
role-accountant = comptable
role-board_member = membre du conseil de copropriété
role-owner = copropriétaire
role-contractor = prestataire
locale-invalid = Choisissez une des langues proposées.
slug-required = Indiquez un nom court.
slug-invalid = Utilisez de 2 à 50 lettres minuscules, chiffres et tirets simples.
name-required = Indiquez un nom.
name-too_long = Le nom peut compter au plus 200 caractères.
organization_kind-invalid = Choisissez un type d'organisation.
organization-invalid = Choisissez une de vos organisations.
organization-kind-syndic_firm = Syndic professionnel
organization-kind-self_managed = Copropriété autogérée
token_name-required = Donnez un nom au jeton.
token_name-too_long = Le nom peut compter au plus 80 caractères.
token_lifetime-invalid = Indiquez un nombre de jours entre 1 et 730, ou laissez vide.

enterprise_number-required = Indiquez le numéro d'entreprise.
enterprise_number-invalid = Un numéro d'entreprise compte 10 chiffres et commence par 0 ou 1, par exemple 0123.456.749.
enterprise_number-check_digits = Ce numéro d'entreprise n'existe pas : ses deux derniers chiffres ne correspondent pas. Vérifiez-le dans la BCE.
lot_kind-invalid = Choisissez un des types de lot proposés.
quota-invalid = Indiquez un nombre entier de quotes-parts.
quota-zero = La quote-part d'un lot doit être supérieure à zéro.
quota-over_total = La quote-part d'un lot ne peut dépasser le total de l'immeuble.
share-required = Indiquez une part, par exemple 1/2, 50 % ou 5000bp.
share-invalid = Écrivez la part en fraction (1/3), en pourcentage entier (50%) ou en points de base (5000bp).
share-zero = Une part doit être supérieure à zéro.
share-over_whole = Une part ne peut dépasser 100 %.

iban-required = Indiquez le numéro de compte (IBAN).
iban-invalid = Cet IBAN n'est pas valide : vérifiez le code pays, la longueur et les deux chiffres de contrôle (par exemple BE68 5390 0754 7034).

text-too_long = Ce texte est trop long.
street-required = Indiquez la rue et le numéro.
city-required = Indiquez la commune.
postal_code-required = Indiquez le code postal.
postal_code-invalid = Un code postal belge compte quatre chiffres, de 1000 à 9999.
total_quota-required = Indiquez le total des quotes-parts (par exemple 1000).
total_quota-invalid = Indiquez le total des quotes-parts en nombre entier.
total_quota-out_of_range = Le total des quotes-parts doit être compris entre 1 et 1 000 000.
construction_year-invalid = Indiquez l'année de construction en quatre chiffres (au plus cinq ans à l'avance, pour un immeuble en construction).
basic_deed_date-future = L'acte de base ne peut pas être daté dans le futur.
date-invalid = Indiquez une date au format AAAA-MM-JJ.
fiscal_year_start-invalid = Indiquez le premier jour de l'exercice au format MM-JJ (par exemple 01-01) ; le 29 février n'est pas admis.

transfer-parties_required = Indiquez qui cède et qui acquiert.
transfer-seller_holds_nothing = La personne qui cède ne détient aucune part de ce lot à cette date.
transfer-before_acquisition = La mutation doit être postérieure à l'acquisition du lot par le cédant.
transfer-later_history_exists = Le registre de ce lot contient déjà des inscriptions postérieures ; une mutation ne peut pas être insérée avant elles.
transfer-shares_not_whole = Après la mutation, les parts du lot doivent totaliser exactement 100 % (pleine propriété + nue-propriété, et pleine propriété + usufruit).

error-not_found = Cet élément n'existe pas ou vous n'y avez pas accès.
error-unauthorized = Veuillez vous connecter.
error-forbidden = Votre rôle ne permet pas cette action.
error-validation = Certains champs demandent votre attention.
error-rate_limited = Trop de tentatives. Patientez un instant.
error-rate_limited_for = Trop de tentatives. Réessayez dans { $seconds } secondes.
error-internal = Un problème est survenu de notre côté. Rien n'a été enregistré ; veuillez réessayer.
error-unavailable = Le serveur est occupé. Rien n'a été modifié ; réessayez dans { $seconds } secondes.
error-bad_request = La requête n'a pas pu être lue. Rechargez la page et réessayez.
request-json_required = Envoyez le corps en JSON (Content-Type: application/json).
request-malformed_json = Le corps n'est pas du JSON valide.
request-invalid_body = Le corps n'a pas les champs attendus.
conflict-stale_version = Quelqu'un d'autre a modifié ceci entre-temps. Rechargez pour voir sa modification, puis refaites la vôtre.
conflict-duplicate = Cet élément existe déjà.
conflict-email_taken = Un compte utilise déjà cette adresse e-mail.
conflict-slug_taken = Ce nom court est déjà pris.
conflict-already_member = Cette personne a déjà ce rôle dans l'organisation.
conflict-last_syndic = L'organisation doit garder au moins un syndic.
conflict-invitation_closed = Cette invitation a déjà été acceptée ou révoquée.

notfound-title = Page introuvable
notfound-body = La page demandée n'existe pas.
notfound-home = Aller au tableau de bord

dashboard-greeting = Bonjour, { $name }
dashboard-no_organization = Vous n'appartenez encore à aucune organisation. Demandez une invitation à votre syndic.
dashboard-your_roles = Vos rôles
dashboard-members = Membres
dashboard-manage_members = Gérer les membres
dashboard-pending_invitations = Invitations en attente

settings-profile = Profil
settings-password_changed = Votre mot de passe a été changé. Vos autres sessions ont été fermées.
settings-change_password = Changer le mot de passe

tokens-intro = Les jetons permettent à d'autres logiciels d'utiliser l'API KoproGo en votre nom, dans l'organisation courante.
tokens-copy_now = Copiez ce jeton maintenant : il ne sera plus affiché.
tokens-create = Créer un jeton
tokens-none = Aucun jeton pour l'instant.
tokens-prefix = Jeton
tokens-created = Créé le
tokens-expires = Expire le
tokens-never = Jamais
tokens-revoke = Révoquer

members-current = Membres
members-since = Membre depuis
members-remove = Retirer
members-pending = Invitations en attente
members-no_pending = Aucune invitation en attente.
members-expires_on = expire le { $date }
members-revoke = Révoquer
members-invite = Inviter quelqu'un
members-invited = L'invitation a été envoyée.
members-send_invitation = Envoyer l'invitation

mail-reset_subject = Réinitialisation de votre mot de passe KoproGo
mail-reset_body =
    Bonjour { $name },

    Quelqu'un a demandé à réinitialiser le mot de passe de votre compte KoproGo. Pour choisir un nouveau mot de passe, ouvrez ce lien dans les { $hours } heure(s) :

    { $link }

    Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.
mail-invitation_subject = Invitation à rejoindre { $organization } sur KoproGo
mail-invitation_body =
    Bonjour,

    Vous êtes invité·e à rejoindre { $organization } sur KoproGo en tant que { $role }. Pour accepter, ouvrez ce lien dans les { $days } jours :

    { $link }

    Si vous n'attendiez pas cette invitation, ignorez ce message.

# The co-ownership register
nav-buildings = Immeubles
nav-owners = Copropriétaires
nav-my_lots = Mes lots
register-acquirers = Acquéreurs
register-add_account = Ajouter un compte
register-add_lot = Ajouter un lot
register-add_owner = Ajouter un copropriétaire
register-all_buildings = ← Tous les immeubles
register-balance = Quotes-parts
register-balanced = Quotes-parts complètes
register-missing = { $count } quotes-parts encore à attribuer
register-excess = { $count } quotes-parts en trop
register-unbalanced_explained = Les quotes-parts des lots n'atteignent pas encore le total de l'immeuble. Il ne pourra servir aux votes et aux charges qu'une fois le total atteint.
register-council_required = 20 lots ou plus comptent pour la loi : un conseil de copropriété est obligatoire (art. 3.90 Code civil).
register-co_holders = Avec
register-create_building = Créer l'immeuble
register-new_building = Nouvel immeuble
register-no_buildings = Aucun immeuble pour l'instant.
register-designate = Désigner
register-designate_representative = Mandataire des co-titulaires
register-representative = Mandataire
register-needs_representative = sans mandataire
register-needs_representative_explained = Ce lot a plusieurs titulaires et aucun mandataire : il ne peut pas voter tant qu'ils n'en ont pas désigné un.
register-export_csv = Exporter (CSV)
register-import = Importer lots et copropriétaires
register-import_explained = Un fichier CSV ou XLSX avec une ligne par titulaire : lot_number, lot_kind, floor, area_m2, quota, first_name, last_name, email, locale, right, share, valid_from. Le fichier est d'abord vérifié ; rien n'est enregistré tant qu'une ligne est fausse.
register-import_file = Fichier
register-import_check = Vérifier le fichier
register-import_apply = Importer
register-import_ok = { $lots } lots et { $owners } copropriétaires sont prêts à être importés.
register-import_done = Importé : { $lots } lots, { $owners } nouveaux copropriétaires.
register-import_errors = Le fichier contient des erreurs ; rien n'a été enregistré.
register-import_line = Ligne { $line }
register-field-basic_deed_date = Date de l'acte de base
register-field-city = Commune
register-field-company_number = Numéro d'entreprise (sociétés)
register-field-construction_year = Année de construction
register-field-country = Pays (2 lettres)
register-field-deed_date = Date de l'acte
register-field-email = Adresse e-mail
register-field-email_consent = Accepte par écrit de recevoir convocations et documents par e-mail
register-field-enterprise_number = Numéro d'entreprise (BCE)
register-field-first_name = Prénom
register-field-fiscal_year_start = Début de l'exercice
register-field-floor = Étage
register-field-iban = IBAN
register-field-kind = Type
register-field-label = Libellé
register-field-last_name = Nom (ou dénomination)
register-field-locale = Langue des documents
register-field-name = Nom
register-field-notary = Notaire
register-field-notes = Remarques
register-field-number = Numéro du lot
register-field-owner = Copropriétaire
register-field-owner_kind = Personne ou société
register-field-phone = Téléphone
register-field-postal_code = Code postal
register-field-purpose = Affectation
register-field-quota = Quote-part
register-field-right = Droit
register-field-share = Part
register-field-street = Rue et numéro
register-field-total_quota = Total des quotes-parts
register-field-transfer_kind = Type de mutation
register-field-valid_from = Titulaire depuis
register-field-area_m2 = Superficie (m²)
register-hint-enterprise_number = Le numéro de l'association, par exemple 0850.123.440.
register-hint-fiscal_year_start = MM-JJ, par exemple 01-01.
register-hint-total_quota = Comme dans l'acte de base : souvent 1000 ou 10000.
register-from = Du
register-to = Au
register-today = aujourd'hui
register-holders = Titulaires
register-lot_count = { $count } lots ({ $counted } comptés par la loi)
register-owner_count = { $count } copropriétaires
register-lot_title = Lot { $number }
register-lots = Lots
register-next = Suivant
register-previous = Précédent
register-pages = Pages
register-no_holders = Personne n'est encore inscrit comme titulaire de ce lot.
register-no_lots_held = Aucun lot n'est inscrit à votre nom dans cette organisation.
register-owner_added = Le copropriétaire a été ajouté.
register-owners_found = { $count } copropriétaires
register-quota_of = { $quota } / { $total } quotes-parts
register-record_transfer = Enregistrer la mutation
register-register_holders = Inscrire les titulaires
register-save_holders = Enregistrer les titulaires
register-search = Rechercher
register-search_owners = Nom, e-mail ou numéro de lot
register-sections = Sections de l'immeuble
register-sellers = Cédé par
register-timeline = Propriété dans le temps
register-transfer = Mutation du lot
register-transfer_explained = À la date de l'acte, les droits des cédants prennent fin et ceux des acquéreurs commencent. Les périodes antérieures restent dans l'historique.
register-tab-lots = Lots
register-tab-owners = Copropriétaires
register-tab-accounts = Comptes bancaires
register-tab-history = Historique
register-purpose-working_capital = Fonds de roulement
register-purpose-reserve = Fonds de réserve
owner_kind-natural = Personne physique
owner_kind-legal = Société ou autre personne morale
owner_kind-invalid = Choisissez personne physique ou morale.
lot_kind-apartment = Appartement
lot_kind-house = Maison
lot_kind-commercial = Commerce
lot_kind-office = Bureau
lot_kind-parking = Emplacement de parking
lot_kind-garage = Garage
lot_kind-cellar = Cave
lot_kind-storage = Débarras
lot_kind-other = Autre
lot_kind-required = Choisissez le type de lot.
right-full_ownership = Pleine propriété
right-bare_ownership = Nue-propriété
right-usufruct = Usufruit
right-invalid = Choisissez pleine propriété, nue-propriété ou usufruit.
transfer_kind-sale = Vente
transfer_kind-inheritance = Succession
transfer_kind-donation = Donation
transfer_kind-other = Autre
transfer_kind-invalid = Choisissez le type de mutation.
lot_number-required = Indiquez le numéro du lot.
lot_number-invalid = Utilisez au plus 20 lettres, chiffres, espaces et . - / _
lot_number-taken = Un autre lot de cet immeuble porte déjà ce numéro.
area-invalid = Indiquez la superficie en m², avec au plus deux décimales (par exemple 72,5).
first_name-required = Indiquez le prénom.
last_name-required = Indiquez le nom.
company_number-required = Une société belge doit avoir son numéro d'entreprise.
company_number-natural_person = Seules les sociétés ont ici un numéro d'entreprise.
phone-invalid = Indiquez un numéro de 6 à 15 chiffres, comme +32 470 12 34 56.
country-invalid = Indiquez le pays en deux lettres, comme BE.
email_consent-needs_email = L'accord pour l'e-mail demande une adresse e-mail.
locale-required = Choisissez une langue.
date-required = Indiquez une date.
date-future = Cette date ne peut pas être dans le futur.
holders-required = Ajoutez au moins un titulaire.
holders-duplicate = Le même copropriétaire apparaît deux fois avec le même droit.
holders-not_whole = Les parts doivent totaliser exactement 100 % (pleine et nue-propriété, et pleine propriété et usufruit).
owner-required = Choisissez un copropriétaire.
owner-not_found = Ce copropriétaire n'est pas dans votre registre.
transfer-sellers_required = Cochez qui cède.
representative-not_a_holder = Le mandataire doit être un des titulaires du lot.
bank_account-purpose_invalid = Choisissez fonds de roulement ou fonds de réserve.
conflict-building_archived = Cet immeuble est archivé.
conflict-lot_has_history = Ce lot a un historique de propriété et ne peut pas être supprimé.
conflict-lot_already_held = Ce lot a déjà des titulaires : enregistrez plutôt une mutation.
conflict-lot_not_held = Inscrivez les titulaires du lot avant une mutation.
import-columns = Le fichier doit avoir les colonnes lot_number, lot_kind et quota.
import-unreadable = Le fichier est illisible : envoyez un CSV (UTF-8) ou un XLSX.
import-empty = Le fichier ne contient aucune ligne.
import-lot_conflict = Le même numéro de lot a d'autres données sur une autre ligne.
import-lot_exists = Ce lot existe déjà dans l'immeuble.
audit-building-created = Immeuble créé
audit-building-updated = Immeuble modifié
audit-building-archived = Immeuble archivé
audit-lot-created = Lot ajouté
audit-lot-updated = Lot modifié
audit-lot-deleted = Lot supprimé
audit-lot-holders_registered = Titulaires inscrits
audit-lot-transferred = Mutation du lot
audit-lot-representative_designated = Mandataire désigné
audit-bank_account-added = Compte bancaire ajouté
audit-bank_account-removed = Compte bancaire retiré
audit-register-imported = Registre importé
import-valid_from_differs = Tous les titulaires d'un même lot doivent avoir la même date 'valid_from'.
import-too_large = Le fichier dépasse 1 Mo.
import-too_many_rows = Le fichier compte plus de 10 000 lignes : scindez-le en plusieurs fichiers.
import-too_many_columns = Le fichier compte plus de 64 colonnes : gardez seulement les colonnes de l'export.
import-header_too_long = Un nom de colonne dépasse 64 caractères : vérifiez la première ligne.
import-cell_too_long = Une cellule contient plus de 2 000 caractères.
register-tab-import = Import
register-edit_lot = Modifier le lot
register-edit_building = Modifier l'immeuble
register-save = Enregistrer
conflict-quotas_unbalanced = Les quotes-parts des lots n'atteignent pas encore le total de l'immeuble : complétez d'abord le registre.
building-not_found = Cet immeuble n'appartient pas à votre organisation.
audit-membership-buildings_set = Immeubles du conseil définis
members-council_of = Conseil de
members-choose_council_buildings = Choisir les immeubles
mail_status-queued = e-mail en file
mail_status-sent = e-mail envoyé
mail_status-failed = e-mail non remis
register-import_same_names = { $count } nouveaux propriétaires portent le même nom qu'un propriétaire déjà présent, sans adresse e-mail pour savoir s'il s'agit de la même personne. Ils restent des propriétaires distincts : vérifiez-les dans l'onglet Propriétaires.
page-invalid = Demandez une page de 1 à 100 000.
per_page-invalid = Demandez de 1 à 200 éléments par page.

register-field-holder_name = Titulaire du compte
register-field-bic = BIC
register-field-opened_on = Ouvert le
register-field-closed_on = Clôturé le
register-hint-holder_name = Le nom de l'association, tel que sur les extraits bancaires.
register-close_account = Clôturer
register-choose = Choisir…
register-accounts_missing = Aucun compte ouvert pour : { $funds }. La loi demande un compte distinct au nom de l'association pour chaque fonds.
register-accounts_incomplete = Comptes bancaires incomplets
bank_account-purpose_required = Indiquez le fonds que le compte détient.
bank_account-holder_required = Indiquez le nom au nom duquel le compte est ouvert (celui de l'association).
bank_account-closed_before_opened = Un compte ne peut pas être clôturé avant son ouverture.
bank_account-already_closed = Ce compte est déjà clôturé.
bank_account-iban_taken = Cet IBAN est déjà enregistré pour une association : un compte appartient à une seule association.
bic-invalid = Un BIC compte 8 ou 11 caractères, par exemple GEBABEBB.
audit-bank_account-closed = Compte bancaire clôturé
