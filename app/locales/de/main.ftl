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
bank_account-several_reserve = Nur ein Konto kann das Konto des Reservefonds sein.

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
