# KoproGo — Nederlands.

common-loading = Laden…
common-skip_to_content = Naar de inhoud
common-back_to_login = Terug naar aanmelden
common-actions = Acties

nav-main = Hoofdnavigatie
nav-dashboard = Overzicht
nav-members = Leden
nav-settings = Instellingen

menu-language = Taal
menu-organization = Organisatie
menu-switch = Wisselen
menu-user = Accountmenu
menu-password = Wachtwoord wijzigen
menu-tokens = API-tokens
menu-logout = Afmelden

login-title = Aanmelden
login-submit = Aanmelden
login-forgot = Wachtwoord vergeten?
auth-invalid_credentials = Het e-mailadres of het wachtwoord is onjuist.

forgot-title = Wachtwoord opnieuw instellen
forgot-intro = Geef het e-mailadres van uw account. We sturen u een link om een nieuw wachtwoord te kiezen.
forgot-submit = Link versturen
forgot-sent = Als er een account bestaat voor dit adres, is er een link onderweg. Hij is één uur geldig.

reset-title = Kies een nieuw wachtwoord
reset-submit = Nieuw wachtwoord opslaan
reset-done = Uw wachtwoord is gewijzigd. U kunt zich er nu mee aanmelden.
reset-invalid_link = Deze link is ongeldig of verlopen. Vraag een nieuwe aan.

invitation-title = Welkom bij KoproGo
invitation-intro = U bent uitgenodigd om lid te worden van { $organization } als { $role }.
invitation-has_account = U hebt al een account: bevestig met het wachtwoord ervan.
invitation-submit = Uitnodiging aanvaarden
invitation-invalid_link = Deze uitnodiging is ongeldig, verlopen of al gebruikt.

field-email = E-mailadres
field-password = Wachtwoord
field-new_password = Nieuw wachtwoord
field-current_password = Huidig wachtwoord
field-display_name = Naam
field-token_name = Naam van het token
field-token_days = Verloopt na (dagen, optioneel)
field-roles = Rollen
field-role = Rol

password-policy = Minstens 10 tekens. Een zin van enkele woorden is makkelijk te onthouden en moeilijk te raden.
password-required = Geef een wachtwoord.
password-too_short = Het wachtwoord moet minstens 10 tekens hebben.
password-too_long = Het wachtwoord mag hoogstens 128 tekens hebben.
password-same_as_email = Het wachtwoord mag niet uw e-mailadres zijn.
password-wrong_current = Het wachtwoord is onjuist.

email-required = Geef een e-mailadres.
email-invalid = Geef een geldig e-mailadres, bijvoorbeeld naam@voorbeeld.be.
display_name-required = Geef een naam.
display_name-too_long = De naam mag hoogstens 120 tekens hebben.
role-required = Kies een rol.
role-invalid = Kies een van de voorgestelde rollen.
role-super_admin = platformbeheerder
role-syndic = syndicus
role-accountant = boekhouder
role-board_member = lid van de raad van mede-eigendom
role-owner = mede-eigenaar
role-contractor = dienstverlener
locale-invalid = Kies een van de voorgestelde talen.
slug-required = Geef een korte naam.
slug-invalid = Gebruik 2 tot 50 kleine letters, cijfers en enkele koppeltekens.
name-required = Geef een naam.
name-too_long = De naam mag hoogstens 200 tekens hebben.
organization_kind-invalid = Kies een soort organisatie.
organization-invalid = Kies een van uw organisaties.
organization-kind-syndic_firm = Professionele syndicus
organization-kind-self_managed = Zelfbeheerde mede-eigendom
token_name-required = Geef het token een naam.
token_name-too_long = De naam mag hoogstens 80 tekens hebben.
token_lifetime-invalid = Geef een aantal dagen van 1 tot 730, of laat leeg.

enterprise_number-required = Geef het ondernemingsnummer.
enterprise_number-invalid = Een ondernemingsnummer heeft 10 cijfers en begint met 0 of 1, bijvoorbeeld 0123.456.749.
enterprise_number-check_digits = Dit ondernemingsnummer bestaat niet: de laatste twee cijfers kloppen niet. Controleer het in de KBO.
lot_kind-invalid = Kies een van de voorgestelde soorten kavel.
quota-invalid = Geef een geheel aantal aandelen.
quota-zero = Het aandeel van een kavel moet groter zijn dan nul.
quota-over_total = Het aandeel van een kavel mag het totaal van het gebouw niet overschrijden.
share-required = Geef een aandeel, bijvoorbeeld 1/2, 50% of 5000bp.
share-invalid = Schrijf het aandeel als breuk (1/3), geheel percentage (50%) of basispunten (5000bp).
share-zero = Een aandeel moet groter zijn dan nul.
share-over_whole = Een aandeel mag niet meer dan 100% zijn.

iban-required = Geef het rekeningnummer (IBAN).
iban-invalid = Dit is geen geldig IBAN: controleer de landcode, de lengte en de twee controlecijfers (bijvoorbeeld BE68 5390 0754 7034).

text-too_long = Deze tekst is te lang.
street-required = Geef de straat en het huisnummer.
city-required = Geef de gemeente.
postal_code-required = Geef de postcode.
postal_code-invalid = Een Belgische postcode heeft vier cijfers, van 1000 tot 9999.
total_quota-required = Geef het totaal van de aandelen (bijvoorbeeld 1000).
total_quota-invalid = Geef het totaal van de aandelen als geheel getal.
total_quota-out_of_range = Het totaal van de aandelen moet tussen 1 en 1.000.000 liggen.
construction_year-invalid = Geef het bouwjaar in vier cijfers (hoogstens vijf jaar vooruit, voor een gebouw in aanbouw).
basic_deed_date-future = De basisakte kan niet in de toekomst gedateerd zijn.
date-invalid = Geef een datum als JJJJ-MM-DD.
fiscal_year_start-invalid = Geef de eerste dag van het boekjaar als MM-DD (bijvoorbeeld 01-01); 29 februari is niet toegestaan.

transfer-parties_required = Geef aan wie overdraagt en wie verkrijgt.
transfer-seller_holds_nothing = De overdrager heeft op die datum geen aandeel in deze kavel.
transfer-before_acquisition = De overdracht moet later zijn dan de verwerving van de kavel door de overdrager.
transfer-later_history_exists = Het register van deze kavel bevat al latere inschrijvingen; een overdracht kan niet vóór hen worden ingevoegd.
transfer-shares_not_whole = Na de overdracht moeten de aandelen van de kavel samen precies 100% zijn (volle eigendom + blote eigendom, en volle eigendom + vruchtgebruik).

error-not_found = Dit item bestaat niet of u hebt er geen toegang toe.
error-unauthorized = Meld u aan.
error-forbidden = Uw rol laat deze handeling niet toe.
error-validation = Sommige velden vragen uw aandacht.
error-rate_limited = Te veel pogingen. Wacht even.
error-rate_limited_for = Te veel pogingen. Probeer opnieuw over { $seconds } seconden.
error-internal = Er ging bij ons iets mis. Er werd niets opgeslagen; probeer het opnieuw.
error-unavailable = De server is druk bezet. Er werd niets gewijzigd; probeer opnieuw over { $seconds } seconden.
error-bad_request = Het verzoek kon niet gelezen worden. Herlaad de pagina en probeer opnieuw.
request-json_required = Stuur de inhoud als JSON (Content-Type: application/json).
request-malformed_json = De inhoud is geen geldige JSON.
request-invalid_body = De inhoud heeft niet de verwachte velden.
conflict-stale_version = Iemand anders heeft dit intussen gewijzigd. Herlaad om die wijziging te zien en doe de uwe opnieuw.
conflict-duplicate = Dit bestaat al.
conflict-email_taken = Een account gebruikt dit e-mailadres al.
conflict-slug_taken = Deze korte naam is al in gebruik.
conflict-already_member = Deze persoon heeft deze rol al in de organisatie.
conflict-last_syndic = De organisatie moet minstens één syndicus houden.
conflict-invitation_closed = Deze uitnodiging werd al aanvaard of ingetrokken.

notfound-title = Pagina niet gevonden
notfound-body = De gevraagde pagina bestaat niet.
notfound-home = Naar het overzicht

dashboard-greeting = Hallo, { $name }
dashboard-no_organization = U behoort nog tot geen enkele organisatie. Vraag uw syndicus om een uitnodiging.
dashboard-your_roles = Uw rollen
dashboard-members = Leden
dashboard-manage_members = Leden beheren
dashboard-pending_invitations = Openstaande uitnodigingen

settings-profile = Profiel
settings-password_changed = Uw wachtwoord is gewijzigd. Uw andere sessies werden afgemeld.
settings-change_password = Wachtwoord wijzigen

tokens-intro = Met tokens kan andere software de KoproGo-API in uw naam gebruiken, in de huidige organisatie.
tokens-copy_now = Kopieer dit token nu: het wordt niet meer getoond.
tokens-create = Token aanmaken
tokens-none = Nog geen tokens.
tokens-prefix = Token
tokens-created = Aangemaakt
tokens-expires = Verloopt
tokens-never = Nooit
tokens-revoke = Intrekken

members-current = Leden
members-since = Lid sinds
members-remove = Verwijderen
members-pending = Openstaande uitnodigingen
members-no_pending = Geen openstaande uitnodigingen.
members-expires_on = verloopt op { $date }
members-revoke = Intrekken
members-invite = Iemand uitnodigen
members-invited = De uitnodiging is verstuurd.
members-send_invitation = Uitnodiging versturen

mail-reset_subject = Uw KoproGo-wachtwoord opnieuw instellen
mail-reset_body =
    Hallo { $name },

    Iemand vroeg om het wachtwoord van uw KoproGo-account opnieuw in te stellen. Open deze link binnen { $hours } uur om een nieuw wachtwoord te kiezen:

    { $link }

    Hebt u dit niet gevraagd? Negeer dan dit bericht: uw wachtwoord blijft ongewijzigd.
mail-invitation_subject = Uitnodiging voor { $organization } op KoproGo
mail-invitation_body =
    Hallo,

    U bent uitgenodigd om lid te worden van { $organization } op KoproGo als { $role }. Open deze link binnen { $days } dagen om te aanvaarden:

    { $link }

    Verwachtte u deze uitnodiging niet? Negeer dan dit bericht.

# The co-ownership register
nav-buildings = Gebouwen
nav-owners = Mede-eigenaars
nav-my_lots = Mijn kavels
register-acquirers = Verkrijgers
register-add_account = Rekening toevoegen
register-add_lot = Kavel toevoegen
register-add_owner = Mede-eigenaar toevoegen
register-all_buildings = ← Alle gebouwen
register-balance = Aandelen
register-balanced = Aandelen volledig
register-missing = nog { $count } aandelen toe te wijzen
register-excess = { $count } aandelen te veel
register-unbalanced_explained = De aandelen van de kavels komen nog niet overeen met het totaal van het gebouw. Het gebouw kan pas voor stemmingen en lasten gebruikt worden als ze kloppen.
register-council_required = 20 of meer kavels tellen voor de wet: een raad van mede-eigendom is verplicht (art. 3.90 BW).
register-co_holders = Samen met
register-create_building = Gebouw aanmaken
register-new_building = Nieuw gebouw
register-no_buildings = Nog geen gebouwen.
register-designate = Aanwijzen
register-designate_representative = Lasthebber van de mede-houders
register-representative = Lasthebber
register-needs_representative = geen lasthebber
register-needs_representative_explained = Deze kavel heeft meerdere houders en geen lasthebber: hij kan niet stemmen tot ze er een aanwijzen.
register-export_csv = Exporteren (CSV)
register-import = Kavels en eigenaars importeren
register-import_explained = Een CSV- of XLSX-bestand met één rij per houder: lot_number, lot_kind, floor, area_m2, quota, first_name, last_name, email, locale, right, share, valid_from. Het bestand wordt eerst gecontroleerd; er wordt niets bewaard zolang een rij fout is.
register-import_file = Bestand
register-import_check = Bestand controleren
register-import_apply = Importeren
register-import_ok = { $lots } kavels en { $owners } eigenaars zijn klaar om te importeren.
register-import_done = Geïmporteerd: { $lots } kavels, { $owners } nieuwe eigenaars.
register-import_errors = Het bestand bevat fouten; er werd niets bewaard.
register-import_line = Regel { $line }
register-field-basic_deed_date = Datum van de basisakte
register-field-city = Gemeente
register-field-company_number = Ondernemingsnummer (vennootschappen)
register-field-construction_year = Bouwjaar
register-field-country = Land (2 letters)
register-field-deed_date = Datum van de akte
register-field-email = E-mailadres
register-field-email_consent = Stemt schriftelijk in met oproepingen en documenten per e-mail
register-field-enterprise_number = Ondernemingsnummer (KBO)
register-field-first_name = Voornaam
register-field-fiscal_year_start = Begin van het boekjaar
register-field-floor = Verdieping
register-field-iban = IBAN
register-field-kind = Soort
register-field-label = Omschrijving
register-field-last_name = Naam (of vennootschapsnaam)
register-field-locale = Taal van de documenten
register-field-name = Naam
register-field-notary = Notaris
register-field-notes = Opmerkingen
register-field-number = Kavelnummer
register-field-owner = Mede-eigenaar
register-field-owner_kind = Persoon of vennootschap
register-field-phone = Telefoon
register-field-postal_code = Postcode
register-field-purpose = Bestemming
register-field-quota = Aandeel
register-field-right = Recht
register-field-share = Deel
register-field-street = Straat en nummer
register-field-total_quota = Totaal aantal aandelen
register-field-transfer_kind = Soort overdracht
register-field-valid_from = Houder sinds
register-field-area_m2 = Oppervlakte (m²)
register-hint-enterprise_number = Het nummer van de vereniging, bv. 0850.123.440.
register-hint-fiscal_year_start = MM-DD, bijvoorbeeld 01-01.
register-hint-total_quota = Zoals in de basisakte: meestal 1000 of 10000.
register-from = Van
register-to = Tot
register-today = vandaag
register-holders = Houders
register-lot_count = { $count } kavels ({ $counted } tellen voor de wet)
register-owner_count = { $count } mede-eigenaars
register-lot_title = Kavel { $number }
register-lots = Kavels
register-next = Volgende
register-previous = Vorige
register-pages = Pagina's
register-no_holders = Nog niemand is als houder van deze kavel ingeschreven.
register-no_lots_held = Er staat geen kavel op uw naam in deze organisatie.
register-owner_added = De mede-eigenaar werd toegevoegd.
register-owners_found = { $count } mede-eigenaars
register-quota_of = { $quota } / { $total } aandelen
register-record_transfer = Overdracht registreren
register-register_holders = Houders inschrijven
register-save_holders = Houders bewaren
register-search = Zoeken
register-search_owners = Naam, e-mail of kavelnummer
register-sections = Onderdelen van het gebouw
register-sellers = Overgedragen door
register-timeline = Eigendom doorheen de tijd
register-transfer = Overdracht van de kavel
register-transfer_explained = Op de datum van de akte eindigen de rechten van de overdragers en beginnen die van de verkrijgers. Eerdere periodes blijven in de geschiedenis.
register-tab-lots = Kavels
register-tab-owners = Mede-eigenaars
register-tab-accounts = Bankrekeningen
register-tab-history = Geschiedenis
register-purpose-working_capital = Werkkapitaal
register-purpose-reserve = Reservekapitaal
owner_kind-natural = Natuurlijke persoon
owner_kind-legal = Vennootschap of andere rechtspersoon
owner_kind-invalid = Kies persoon of vennootschap.
lot_kind-apartment = Appartement
lot_kind-house = Woning
lot_kind-commercial = Handelsruimte
lot_kind-office = Kantoor
lot_kind-parking = Parkeerplaats
lot_kind-garage = Garage
lot_kind-cellar = Kelder
lot_kind-storage = Berging
lot_kind-other = Andere
lot_kind-required = Kies de soort kavel.
right-full_ownership = Volle eigendom
right-bare_ownership = Naakte eigendom
right-usufruct = Vruchtgebruik
right-invalid = Kies volle eigendom, naakte eigendom of vruchtgebruik.
transfer_kind-sale = Verkoop
transfer_kind-inheritance = Erfenis
transfer_kind-donation = Schenking
transfer_kind-other = Andere
transfer_kind-invalid = Kies de soort overdracht.
lot_number-required = Vul het kavelnummer in.
lot_number-invalid = Gebruik hoogstens 20 letters, cijfers, spaties en . - / _
lot_number-taken = Een andere kavel van dit gebouw heeft dit nummer al.
area-invalid = Vul de oppervlakte in m² in, met hoogstens twee decimalen (bv. 72,5).
first_name-required = Vul de voornaam in.
last_name-required = Vul de naam in.
company_number-required = Een Belgische vennootschap heeft haar ondernemingsnummer nodig.
company_number-natural_person = Enkel vennootschappen hebben hier een ondernemingsnummer.
phone-invalid = Vul een nummer van 6 tot 15 cijfers in, zoals +32 470 12 34 56.
country-invalid = Vul het land in als twee letters, zoals BE.
email_consent-needs_email = Instemming met e-mail vraagt een e-mailadres.
locale-required = Kies een taal.
date-required = Vul een datum in.
date-future = Deze datum mag niet in de toekomst liggen.
holders-required = Voeg minstens één houder toe.
holders-duplicate = Dezelfde eigenaar staat er twee keer met hetzelfde recht.
holders-not_whole = De delen moeten samen precies 100% zijn (volle en naakte eigendom, en volle eigendom en vruchtgebruik).
owner-required = Kies een eigenaar.
owner-not_found = Deze eigenaar staat niet in uw register.
transfer-sellers_required = Vink aan wie overdraagt.
representative-not_a_holder = De lasthebber moet een van de houders van de kavel zijn.
bank_account-purpose_invalid = Kies werkkapitaal of reservekapitaal.
conflict-building_archived = Dit gebouw is gearchiveerd.
conflict-lot_has_history = Deze kavel heeft een eigendomsgeschiedenis en kan niet verwijderd worden.
conflict-lot_already_held = Deze kavel heeft al houders: registreer een overdracht.
conflict-lot_not_held = Schrijf de houders van de kavel in vóór een overdracht.
import-columns = Het bestand moet de kolommen lot_number, lot_kind en quota hebben.
import-unreadable = Het bestand is onleesbaar: stuur een CSV (UTF-8) of XLSX.
import-empty = Het bestand bevat geen rijen.
import-lot_conflict = Hetzelfde kavelnummer heeft andere gegevens op een andere rij.
import-lot_exists = Deze kavel bestaat al in het gebouw.
audit-building-created = Gebouw aangemaakt
audit-building-updated = Gebouw gewijzigd
audit-building-archived = Gebouw gearchiveerd
audit-lot-created = Kavel toegevoegd
audit-lot-updated = Kavel gewijzigd
audit-lot-deleted = Kavel verwijderd
audit-lot-holders_registered = Houders ingeschreven
audit-lot-transferred = Kavel overgedragen
audit-lot-representative_designated = Lasthebber aangewezen
audit-bank_account-added = Bankrekening toegevoegd
audit-bank_account-removed = Bankrekening verwijderd
audit-register-imported = Register geïmporteerd
import-valid_from_differs = Alle houders van eenzelfde kavel moeten dezelfde datum 'valid_from' hebben.
import-too_large = Het bestand is groter dan 1 MB.
import-too_many_rows = Het bestand heeft meer dan 10.000 rijen: splits het in meerdere bestanden.
import-too_many_columns = Het bestand heeft meer dan 64 kolommen: behoud enkel de kolommen van de export.
import-header_too_long = Een kolomnaam is langer dan 64 tekens: controleer de eerste rij.
import-cell_too_long = Een cel bevat meer dan 2.000 tekens.
register-tab-import = Import
register-edit_lot = Kavel wijzigen
register-edit_building = Gebouw wijzigen
register-save = Bewaren
conflict-quotas_unbalanced = De aandelen van de kavels komen nog niet overeen met het totaal van het gebouw: vervolledig eerst het register.
building-not_found = Dit gebouw hoort niet bij uw organisatie.
audit-membership-buildings_set = Gebouwen van de raad ingesteld
members-council_of = Raad van
members-choose_council_buildings = Gebouwen kiezen
mail_status-queued = e-mail in wachtrij
mail_status-sent = e-mail verzonden
mail_status-failed = e-mail niet afgeleverd
register-import_same_names = { $count } nieuwe eigenaars hebben dezelfde naam als een eigenaar die al in uw register staat, zonder e-mailadres om te weten of het dezelfde persoon is. Ze blijven afzonderlijke eigenaars: controleer ze in het tabblad Eigenaars.
page-invalid = Vraag een pagina van 1 tot 100.000.
per_page-invalid = Vraag 1 tot 200 items per pagina.

register-field-holder_name = Rekeninghouder
register-field-bic = BIC
register-field-opened_on = Geopend op
register-field-closed_on = Afgesloten op
register-hint-holder_name = De naam van de vereniging, zoals op de rekeninguittreksels.
register-close_account = Afsluiten
register-choose = Kies…
register-accounts_missing = Geen open rekening voor: { $funds }. De wet vraagt voor elk fonds een afzonderlijke rekening op naam van de vereniging.
register-accounts_incomplete = Bankrekeningen onvolledig
bank_account-purpose_required = Kies welk fonds de rekening houdt.
bank_account-holder_required = Geef de naam waarop de rekening staat (die van de vereniging).
bank_account-closed_before_opened = Een rekening kan niet afgesloten worden vóór ze geopend werd.
bank_account-already_closed = Deze rekening is al afgesloten.
bank_account-iban_taken = Deze IBAN is al geregistreerd voor een vereniging: een rekening hoort bij één vereniging.
bic-invalid = Een BIC telt 8 of 11 tekens, bijvoorbeeld GEBABEBB.
audit-bank_account-closed = Bankrekening afgesloten
