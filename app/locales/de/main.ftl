# KoproGo — Deutsch.

common-loading = Wird geladen…
common-skip_to_content = Zum Inhalt springen
common-back_to_login = Zurück zur Anmeldung
common-actions = Aktionen

nav-main = Hauptnavigation
nav-dashboard = Übersicht
nav-members = Mitglieder
nav-settings = Einstellungen

menu-language = Sprache
menu-organization = Organisation
menu-switch = Wechseln
menu-user = Kontomenü
menu-password = Passwort ändern
menu-tokens = API-Token
menu-logout = Abmelden

login-title = Anmelden
login-submit = Anmelden
login-forgot = Passwort vergessen?
auth-invalid_credentials = Die E-Mail-Adresse oder das Passwort ist falsch.

forgot-title = Passwort zurücksetzen
forgot-intro = Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir senden Ihnen einen Link, um ein neues Passwort zu wählen.
forgot-submit = Link senden
forgot-sent = Falls für diese Adresse ein Konto besteht, ist ein Link unterwegs. Er ist eine Stunde gültig.

reset-title = Neues Passwort wählen
reset-submit = Neues Passwort speichern
reset-done = Ihr Passwort wurde geändert. Sie können sich jetzt damit anmelden.
reset-invalid_link = Dieser Link ist ungültig oder abgelaufen. Fordern Sie einen neuen an.

invitation-title = Willkommen bei KoproGo
invitation-intro = Sie sind eingeladen, { $organization } als { $role } beizutreten.
invitation-has_account = Sie haben bereits ein Konto: Bestätigen Sie mit dessen Passwort.
invitation-submit = Einladung annehmen
invitation-invalid_link = Diese Einladung ist ungültig, abgelaufen oder wurde bereits verwendet.

field-email = E-Mail-Adresse
field-password = Passwort
field-new_password = Neues Passwort
field-current_password = Aktuelles Passwort
field-display_name = Name
field-token_name = Name des Tokens
field-token_days = Läuft ab nach (Tage, optional)
field-roles = Rollen
field-role = Rolle

password-policy = Mindestens 10 Zeichen. Ein Satz aus einigen Wörtern ist leicht zu merken und schwer zu erraten.
password-required = Geben Sie ein Passwort ein.
password-too_short = Das Passwort muss mindestens 10 Zeichen haben.
password-too_long = Das Passwort darf höchstens 128 Zeichen haben.
password-same_as_email = Das Passwort darf nicht Ihre E-Mail-Adresse sein.
password-wrong_current = Das Passwort ist falsch.

email-required = Geben Sie eine E-Mail-Adresse ein.
email-invalid = Geben Sie eine gültige E-Mail-Adresse ein, z. B. name@beispiel.be.
display_name-required = Geben Sie einen Namen ein.
display_name-too_long = Der Name darf höchstens 120 Zeichen haben.
role-required = Wählen Sie eine Rolle.
role-invalid = Wählen Sie eine der angebotenen Rollen.
role-super_admin = Plattformadministrator
role-syndic = Verwalter
role-accountant = Buchhalter
role-board_member = Mitglied des Miteigentümerbeirats
role-owner = Miteigentümer
role-contractor = Dienstleister
locale-invalid = Wählen Sie eine der angebotenen Sprachen.
slug-required = Geben Sie einen Kurznamen ein.
slug-invalid = Verwenden Sie 2 bis 50 Kleinbuchstaben, Ziffern und einzelne Bindestriche.
name-required = Geben Sie einen Namen ein.
name-too_long = Der Name darf höchstens 200 Zeichen haben.
organization_kind-invalid = Wählen Sie eine Art von Organisation.
organization-invalid = Wählen Sie eine Ihrer Organisationen.
organization-kind-syndic_firm = Professioneller Verwalter
organization-kind-self_managed = Selbstverwaltete Miteigentümergemeinschaft
token_name-required = Geben Sie dem Token einen Namen.
token_name-too_long = Der Name darf höchstens 80 Zeichen haben.
token_lifetime-invalid = Geben Sie eine Anzahl Tage von 1 bis 730 ein oder lassen Sie das Feld leer.

enterprise_number-required = Geben Sie die Unternehmensnummer ein.
enterprise_number-invalid = Eine Unternehmensnummer hat 10 Ziffern und beginnt mit 0 oder 1, z. B. 0123.456.749.
enterprise_number-check_digits = Diese Unternehmensnummer existiert nicht: Die letzten zwei Ziffern stimmen nicht. Prüfen Sie sie in der ZDU.
lot_kind-invalid = Wählen Sie eine der angebotenen Losarten.
quota-invalid = Geben Sie eine ganze Zahl von Anteilen ein.
quota-zero = Der Anteil eines Loses muss größer als null sein.
quota-over_total = Der Anteil eines Loses darf die Summe des Gebäudes nicht überschreiten.
share-required = Geben Sie einen Anteil ein, z. B. 1/2, 50 % oder 5000bp.
share-invalid = Schreiben Sie den Anteil als Bruch (1/3), ganze Prozentzahl (50%) oder Basispunkte (5000bp).
share-zero = Ein Anteil muss größer als null sein.
share-over_whole = Ein Anteil darf 100 % nicht überschreiten.

iban-required = Geben Sie die Kontonummer (IBAN) ein.
iban-invalid = Diese IBAN ist ungültig: Prüfen Sie Ländercode, Länge und die zwei Prüfziffern (z. B. BE68 5390 0754 7034).

text-too_long = Dieser Text ist zu lang.
street-required = Geben Sie Straße und Hausnummer ein.
city-required = Geben Sie die Gemeinde ein.
postal_code-required = Geben Sie die Postleitzahl ein.
postal_code-invalid = Eine belgische Postleitzahl hat vier Ziffern, von 1000 bis 9999.
total_quota-required = Geben Sie die Summe der Anteile ein (z. B. 1000).
total_quota-invalid = Geben Sie die Summe der Anteile als ganze Zahl ein.
total_quota-out_of_range = Die Summe der Anteile muss zwischen 1 und 1.000.000 liegen.
construction_year-invalid = Geben Sie das Baujahr vierstellig ein (höchstens fünf Jahre im Voraus, für Gebäude im Bau).
basic_deed_date-future = Die Grundurkunde kann nicht in der Zukunft datiert sein.
date-invalid = Geben Sie ein Datum als JJJJ-MM-TT ein.
fiscal_year_start-invalid = Geben Sie den ersten Tag des Geschäftsjahres als MM-TT ein (z. B. 01-01); der 29. Februar ist nicht zulässig.

transfer-parties_required = Geben Sie an, wer überträgt und wer erwirbt.
transfer-seller_holds_nothing = Die übertragende Person hält an diesem Datum keinen Anteil an diesem Los.
transfer-before_acquisition = Die Übertragung muss nach dem Erwerb des Loses durch den Übertragenden datiert sein.
transfer-later_history_exists = Das Register dieses Loses enthält bereits spätere Einträge; eine Übertragung kann nicht davor eingefügt werden.
transfer-shares_not_whole = Nach der Übertragung müssen die Anteile des Loses genau 100 % ergeben (Volleigentum + bloßes Eigentum, und Volleigentum + Nießbrauch).

error-not_found = Dieses Element existiert nicht oder Sie haben keinen Zugriff darauf.
error-unauthorized = Bitte melden Sie sich an.
error-forbidden = Ihre Rolle erlaubt diese Aktion nicht.
error-validation = Einige Felder benötigen Ihre Aufmerksamkeit.
error-rate_limited = Zu viele Versuche. Bitte warten Sie einen Moment.
error-rate_limited_for = Zu viele Versuche. Versuchen Sie es in { $seconds } Sekunden erneut.
error-internal = Bei uns ist etwas schiefgelaufen. Es wurde nichts gespeichert; bitte versuchen Sie es erneut.
error-unavailable = Der Server ist ausgelastet. Es wurde nichts geändert; versuchen Sie es in { $seconds } Sekunden erneut.
error-bad_request = Die Anfrage konnte nicht gelesen werden. Laden Sie die Seite neu und versuchen Sie es erneut.
request-json_required = Senden Sie den Inhalt als JSON (Content-Type: application/json).
request-malformed_json = Der Inhalt ist kein gültiges JSON.
request-invalid_body = Der Inhalt hat nicht die erwarteten Felder.
conflict-stale_version = Jemand anderes hat dies inzwischen geändert. Laden Sie neu, um die Änderung zu sehen, und wiederholen Sie Ihre.
conflict-duplicate = Das existiert bereits.
conflict-email_taken = Ein Konto verwendet diese E-Mail-Adresse bereits.
conflict-slug_taken = Dieser Kurzname ist bereits vergeben.
conflict-already_member = Diese Person hat diese Rolle in der Organisation bereits.
conflict-last_syndic = Die Organisation braucht mindestens einen Verwalter.
conflict-invitation_closed = Diese Einladung wurde bereits angenommen oder widerrufen.

notfound-title = Seite nicht gefunden
notfound-body = Die gesuchte Seite existiert nicht.
notfound-home = Zur Übersicht

dashboard-greeting = Hallo, { $name }
dashboard-no_organization = Sie gehören noch keiner Organisation an. Bitten Sie Ihren Verwalter um eine Einladung.
dashboard-your_roles = Ihre Rollen
dashboard-members = Mitglieder
dashboard-manage_members = Mitglieder verwalten
dashboard-pending_invitations = Offene Einladungen

settings-profile = Profil
settings-password_changed = Ihr Passwort wurde geändert. Ihre anderen Sitzungen wurden abgemeldet.
settings-change_password = Passwort ändern

tokens-intro = Mit Token kann andere Software die KoproGo-API in Ihrem Namen nutzen, in der aktuellen Organisation.
tokens-copy_now = Kopieren Sie dieses Token jetzt: Es wird nicht mehr angezeigt.
tokens-create = Token erstellen
tokens-none = Noch keine Token.
tokens-prefix = Token
tokens-created = Erstellt
tokens-expires = Läuft ab
tokens-never = Nie
tokens-revoke = Widerrufen

members-current = Mitglieder
members-since = Mitglied seit
members-remove = Entfernen
members-pending = Offene Einladungen
members-no_pending = Keine offenen Einladungen.
members-expires_on = läuft am { $date } ab
members-revoke = Widerrufen
members-invite = Jemanden einladen
members-invited = Die Einladung wurde gesendet.
members-send_invitation = Einladung senden

mail-reset_subject = Ihr KoproGo-Passwort zurücksetzen
mail-reset_body =
    Hallo { $name },

    Jemand hat verlangt, das Passwort Ihres KoproGo-Kontos zurückzusetzen. Öffnen Sie diesen Link innerhalb von { $hours } Stunde(n), um ein neues Passwort zu wählen:

    { $link }

    Wenn Sie das nicht verlangt haben, ignorieren Sie diese Nachricht: Ihr Passwort bleibt unverändert.
mail-invitation_subject = Einladung zu { $organization } auf KoproGo
mail-invitation_body =
    Hallo,

    Sie sind eingeladen, { $organization } auf KoproGo als { $role } beizutreten. Öffnen Sie diesen Link innerhalb von { $days } Tagen, um anzunehmen:

    { $link }

    Wenn Sie diese Einladung nicht erwartet haben, ignorieren Sie diese Nachricht.

# The co-ownership register
nav-buildings = Gebäude
nav-owners = Miteigentümer
nav-my_lots = Meine Lose
register-acquirers = Erwerber
register-add_account = Konto hinzufügen
register-add_lot = Los hinzufügen
register-add_owner = Miteigentümer hinzufügen
register-all_buildings = ← Alle Gebäude
register-balance = Anteile
register-balanced = Anteile vollständig
register-missing = noch { $count } Anteile zuzuweisen
register-excess = { $count } Anteile zu viel
register-unbalanced_explained = Die Anteile der Lose ergeben noch nicht die Gesamtzahl des Gebäudes. Erst dann kann es für Abstimmungen und Lasten verwendet werden.
register-council_required = 20 oder mehr Lose zählen gesetzlich: ein Miteigentümerbeirat ist Pflicht (Art. 3.90 ZGB).
register-co_holders = Zusammen mit
register-create_building = Gebäude anlegen
register-new_building = Neues Gebäude
register-no_buildings = Noch keine Gebäude.
register-designate = Bestimmen
register-designate_representative = Vertreter der Mitinhaber
register-representative = Vertreter
register-needs_representative = kein Vertreter
register-needs_representative_explained = Dieses Los hat mehrere Inhaber und keinen Vertreter: es kann erst abstimmen, wenn sie einen bestimmen.
register-export_csv = Exportieren (CSV)
register-import = Lose und Eigentümer importieren
register-import_explained = Eine CSV- oder XLSX-Datei mit einer Zeile pro Inhaber: lot_number, lot_kind, floor, area_m2, quota, first_name, last_name, email, locale, right, share, valid_from. Die Datei wird zuerst geprüft; nichts wird gespeichert, solange eine Zeile falsch ist.
register-import_file = Datei
register-import_check = Datei prüfen
register-import_apply = Importieren
register-import_ok = { $lots } Lose und { $owners } Eigentümer sind bereit zum Import.
register-import_done = Importiert: { $lots } Lose, { $owners } neue Eigentümer.
register-import_errors = Die Datei enthält Fehler; nichts wurde gespeichert.
register-import_line = Zeile { $line }
register-field-basic_deed_date = Datum der Grundakte
register-field-city = Gemeinde
register-field-company_number = Unternehmensnummer (Gesellschaften)
register-field-construction_year = Baujahr
register-field-country = Land (2 Buchstaben)
register-field-deed_date = Datum der Urkunde
register-field-email = E-Mail-Adresse
register-field-email_consent = Stimmt schriftlich zu, Einladungen und Dokumente per E-Mail zu erhalten
register-field-enterprise_number = Unternehmensnummer (ZDU)
register-field-first_name = Vorname
register-field-fiscal_year_start = Beginn des Geschäftsjahres
register-field-floor = Etage
register-field-iban = IBAN
register-field-kind = Art
register-field-label = Bezeichnung
register-field-last_name = Name (oder Firmenname)
register-field-locale = Sprache der Dokumente
register-field-name = Name
register-field-notary = Notar
register-field-notes = Bemerkungen
register-field-number = Losnummer
register-field-owner = Miteigentümer
register-field-owner_kind = Person oder Gesellschaft
register-field-phone = Telefon
register-field-postal_code = Postleitzahl
register-field-purpose = Verwendung
register-field-quota = Anteil
register-field-right = Recht
register-field-share = Teil
register-field-street = Straße und Hausnummer
register-field-total_quota = Gesamtzahl der Anteile
register-field-transfer_kind = Art der Übertragung
register-field-valid_from = Inhaber seit
register-field-area_m2 = Fläche (m²)
register-hint-enterprise_number = Die Nummer der Vereinigung, z. B. 0850.123.440.
register-hint-fiscal_year_start = MM-TT, zum Beispiel 01-01.
register-hint-total_quota = Wie in der Grundakte: meist 1000 oder 10000.
register-from = Von
register-to = Bis
register-today = heute
register-holders = Inhaber
register-lot_count = { $count } Lose ({ $counted } zählen gesetzlich)
register-owner_count = { $count } Miteigentümer
register-lot_title = Los { $number }
register-lots = Lose
register-next = Weiter
register-previous = Zurück
register-pages = Seiten
register-no_holders = Noch niemand ist als Inhaber dieses Loses eingetragen.
register-no_lots_held = In dieser Organisation ist kein Los auf Ihren Namen eingetragen.
register-owner_added = Der Miteigentümer wurde hinzugefügt.
register-owners_found = { $count } Miteigentümer
register-quota_of = { $quota } / { $total } Anteile
register-record_transfer = Übertragung eintragen
register-register_holders = Inhaber eintragen
register-save_holders = Inhaber speichern
register-search = Suchen
register-search_owners = Name, E-Mail oder Losnummer
register-sections = Bereiche des Gebäudes
register-sellers = Übertragen von
register-timeline = Eigentum im Zeitverlauf
register-transfer = Übertragung des Loses
register-transfer_explained = Am Datum der Urkunde enden die Rechte der Übertragenden und beginnen die der Erwerber. Frühere Zeiträume bleiben in der Historie.
register-tab-lots = Lose
register-tab-owners = Miteigentümer
register-tab-accounts = Bankkonten
register-tab-history = Verlauf
register-purpose-working_capital = Betriebskapital
register-purpose-reserve = Rücklagenfonds
owner_kind-natural = Natürliche Person
owner_kind-legal = Gesellschaft oder andere juristische Person
owner_kind-invalid = Wählen Sie Person oder Gesellschaft.
lot_kind-apartment = Wohnung
lot_kind-house = Haus
lot_kind-commercial = Geschäft
lot_kind-office = Büro
lot_kind-parking = Stellplatz
lot_kind-garage = Garage
lot_kind-cellar = Keller
lot_kind-storage = Abstellraum
lot_kind-other = Sonstiges
lot_kind-required = Wählen Sie die Art des Loses.
right-full_ownership = Volleigentum
right-bare_ownership = Bloßes Eigentum
right-usufruct = Nießbrauch
right-invalid = Wählen Sie Volleigentum, bloßes Eigentum oder Nießbrauch.
transfer_kind-sale = Verkauf
transfer_kind-inheritance = Erbschaft
transfer_kind-donation = Schenkung
transfer_kind-other = Sonstiges
transfer_kind-invalid = Wählen Sie die Art der Übertragung.
lot_number-required = Geben Sie die Losnummer ein.
lot_number-invalid = Verwenden Sie höchstens 20 Buchstaben, Ziffern, Leerzeichen und . - / _
lot_number-taken = Ein anderes Los dieses Gebäudes hat bereits diese Nummer.
area-invalid = Geben Sie die Fläche in m² mit höchstens zwei Dezimalstellen ein (z. B. 72,5).
first_name-required = Geben Sie den Vornamen ein.
last_name-required = Geben Sie den Namen ein.
company_number-required = Eine belgische Gesellschaft braucht ihre Unternehmensnummer.
company_number-natural_person = Nur Gesellschaften haben hier eine Unternehmensnummer.
phone-invalid = Geben Sie eine Nummer mit 6 bis 15 Ziffern ein, wie +32 470 12 34 56.
country-invalid = Geben Sie das Land mit zwei Buchstaben an, wie BE.
email_consent-needs_email = Die Zustimmung zur E-Mail braucht eine E-Mail-Adresse.
locale-required = Wählen Sie eine Sprache.
date-required = Geben Sie ein Datum ein.
date-future = Dieses Datum darf nicht in der Zukunft liegen.
holders-required = Fügen Sie mindestens einen Inhaber hinzu.
holders-duplicate = Derselbe Eigentümer steht zweimal mit demselben Recht.
holders-not_whole = Die Teile müssen genau 100 % ergeben (Voll- und bloßes Eigentum sowie Volleigentum und Nießbrauch).
owner-required = Wählen Sie einen Eigentümer.
owner-not_found = Dieser Eigentümer ist nicht in Ihrem Register.
transfer-sellers_required = Kreuzen Sie an, wer überträgt.
representative-not_a_holder = Der Vertreter muss einer der Inhaber des Loses sein.
bank_account-purpose_invalid = Wählen Sie Betriebskapital oder Rücklagenfonds.
conflict-building_archived = Dieses Gebäude ist archiviert.
conflict-lot_has_history = Dieses Los hat eine Eigentumshistorie und kann nicht gelöscht werden.
conflict-lot_already_held = Dieses Los hat bereits Inhaber: tragen Sie eine Übertragung ein.
conflict-lot_not_held = Tragen Sie die Inhaber des Loses vor einer Übertragung ein.
import-columns = Die Datei muss die Spalten lot_number, lot_kind und quota haben.
import-unreadable = Die Datei ist nicht lesbar: senden Sie eine CSV (UTF-8) oder XLSX.
import-empty = Die Datei enthält keine Zeilen.
import-lot_conflict = Dieselbe Losnummer hat in einer anderen Zeile andere Angaben.
import-lot_exists = Dieses Los existiert bereits im Gebäude.
audit-building-created = Gebäude angelegt
audit-building-updated = Gebäude geändert
audit-building-archived = Gebäude archiviert
audit-lot-created = Los hinzugefügt
audit-lot-updated = Los geändert
audit-lot-deleted = Los gelöscht
audit-lot-holders_registered = Inhaber eingetragen
audit-lot-transferred = Los übertragen
audit-lot-representative_designated = Vertreter bestimmt
audit-bank_account-added = Bankkonto hinzugefügt
audit-bank_account-removed = Bankkonto entfernt
audit-register-imported = Register importiert
import-valid_from_differs = Alle Inhaber eines Loses müssen dasselbe Datum 'valid_from' haben.
import-too_large = Die Datei ist größer als 1 MB.
import-too_many_rows = Die Datei hat mehr als 10.000 Zeilen: teilen Sie sie in mehrere Dateien auf.
import-too_many_columns = Die Datei hat mehr als 64 Spalten: behalten Sie nur die Spalten des Exports.
import-header_too_long = Ein Spaltenname ist länger als 64 Zeichen: prüfen Sie die erste Zeile.
import-cell_too_long = Eine Zelle enthält mehr als 2.000 Zeichen.
register-tab-import = Import
register-edit_lot = Los bearbeiten
register-edit_building = Gebäude bearbeiten
register-save = Speichern
conflict-quotas_unbalanced = Die Anteile der Lose ergeben noch nicht die Gesamtzahl des Gebäudes: vervollständigen Sie zuerst das Register.
building-not_found = Dieses Gebäude gehört nicht zu Ihrer Organisation.
audit-membership-buildings_set = Gebäude des Beirats festgelegt
members-council_of = Beirat von
members-choose_council_buildings = Gebäude wählen
mail_status-queued = E-Mail in Warteschlange
mail_status-sent = E-Mail gesendet
mail_status-failed = E-Mail nicht zugestellt
register-import_same_names = { $count } neue Eigentümer tragen denselben Namen wie ein bereits erfasster Eigentümer, ohne E-Mail-Adresse, die zeigt, ob es dieselbe Person ist. Sie bleiben getrennte Eigentümer: prüfen Sie sie im Reiter Eigentümer.
page-invalid = Fordern Sie eine Seite von 1 bis 100.000 an.
per_page-invalid = Fordern Sie 1 bis 200 Einträge pro Seite an.

register-field-holder_name = Kontoinhaber
register-field-bic = BIC
register-field-opened_on = Eröffnet am
register-field-closed_on = Geschlossen am
register-hint-holder_name = Der Name der Gemeinschaft, wie auf den Kontoauszügen.
register-close_account = Schließen
register-choose = Auswählen…
register-accounts_missing = Kein offenes Konto für: { $funds }. Das Gesetz verlangt für jeden Fonds ein eigenes Konto auf den Namen der Gemeinschaft.
register-accounts_incomplete = Bankkonten unvollständig
bank_account-purpose_required = Wählen Sie, welchen Fonds das Konto führt.
bank_account-holder_required = Geben Sie den Namen an, auf den das Konto lautet (den der Gemeinschaft).
bank_account-closed_before_opened = Ein Konto kann nicht vor seiner Eröffnung geschlossen werden.
bank_account-already_closed = Dieses Konto ist bereits geschlossen.
bank_account-iban_taken = Diese IBAN ist bereits für eine Gemeinschaft registriert: ein Konto gehört zu einer einzigen Gemeinschaft.
bic-invalid = Eine BIC hat 8 oder 11 Zeichen, zum Beispiel GEBABEBB.
audit-bank_account-closed = Bankkonto geschlossen
