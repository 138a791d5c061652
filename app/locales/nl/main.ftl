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
bank_account-several_reserve = Slechts één rekening kan de rekening van het reservefonds zijn.

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
