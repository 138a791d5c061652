# KoproGo — English. Message ids are the codes used in the code, with dots written as hyphens.

common-loading = Loading…
common-skip_to_content = Skip to content
common-back_to_login = Back to sign in
common-actions = Actions

nav-main = Main navigation
nav-dashboard = Dashboard
nav-members = Members
nav-settings = Settings

menu-language = Language
menu-organization = Organisation
menu-switch = Switch
menu-user = Account menu
menu-password = Change password
menu-tokens = API tokens
menu-logout = Sign out

login-title = Sign in
login-submit = Sign in
login-forgot = Forgot your password?
auth-invalid_credentials = The e-mail address or the password is incorrect.

forgot-title = Reset your password
forgot-intro = Enter the e-mail address of your account. We will send you a link to choose a new password.
forgot-submit = Send the link
forgot-sent = If an account exists for this address, a link is on its way. It is valid for one hour.

reset-title = Choose a new password
reset-submit = Save the new password
reset-done = Your password has been changed. You can sign in with it now.
reset-invalid_link = This link is invalid or has expired. Ask for a new one.

invitation-title = Join KoproGo
invitation-intro = You are invited to join { $organization } as { $role }.
invitation-has_account = You already have an account: confirm with its password.
invitation-submit = Accept the invitation
invitation-invalid_link = This invitation is invalid, expired or already used.

field-email = E-mail address
field-password = Password
field-new_password = New password
field-current_password = Current password
field-display_name = Name
field-token_name = Token name
field-token_days = Expires after (days, optional)
field-roles = Roles
field-role = Role

password-policy = At least 10 characters. A sentence of a few words is easy to remember and hard to guess.
password-required = Enter a password.
password-too_short = The password must have at least 10 characters.
password-too_long = The password must have at most 128 characters.
password-same_as_email = The password must not be your e-mail address.
password-wrong_current = The password is incorrect.

email-required = Enter an e-mail address.
email-invalid = Enter a valid e-mail address, like name@example.be.
display_name-required = Enter a name.
display_name-too_long = The name must have at most 120 characters.
role-required = Choose a role.
role-invalid = Choose one of the listed roles.
role-super_admin = platform administrator
role-syndic = syndic
role-accountant = accountant
role-board_member = council member
role-owner = co-owner
role-contractor = contractor
locale-invalid = Choose one of the offered languages.
slug-required = Enter a short name.
slug-invalid = Use 2 to 50 lowercase letters, digits and single hyphens.
name-required = Enter a name.
name-too_long = The name must have at most 200 characters.
organization_kind-invalid = Choose a kind of organisation.
organization-invalid = Choose one of your organisations.
organization-kind-syndic_firm = Professional syndic
organization-kind-self_managed = Self-managed co-ownership
token_name-required = Give the token a name.
token_name-too_long = The name must have at most 80 characters.
token_lifetime-invalid = Enter a number of days from 1 to 730, or leave it empty.

enterprise_number-required = Enter the enterprise number.
enterprise_number-invalid = An enterprise number has 10 digits and starts with 0 or 1, like 0123.456.749.
enterprise_number-check_digits = This enterprise number does not exist: its last two digits do not match. Check it on the KBO/BCE register.
lot_kind-invalid = Choose one of the listed kinds of lot.
quota-invalid = Enter a whole number of quotes-parts.
quota-zero = A lot's quote-part must be more than zero.
quota-over_total = A lot's quote-part cannot exceed the building's total.
share-required = Enter a share, like 1/2, 50% or 5000bp.
share-invalid = Write the share as a fraction (1/3), a whole percentage (50%) or basis points (5000bp).
share-zero = A share must be more than zero.
share-over_whole = A share cannot exceed 100%.

iban-required = Enter the account number (IBAN).
iban-invalid = This is not a valid IBAN: check the country code, the length and the two check digits (like BE68 5390 0754 7034).

text-too_long = This text is too long.
street-required = Enter the street and number.
city-required = Enter the municipality.
postal_code-required = Enter the postal code.
postal_code-invalid = A Belgian postal code has four digits, from 1000 to 9999.
total_quota-required = Enter the total of quotes-parts (for example 1000).
total_quota-invalid = Enter the total of quotes-parts as a whole number.
total_quota-out_of_range = The total of quotes-parts must be between 1 and 1,000,000.
construction_year-invalid = Enter the construction year as four digits (at most five years ahead, for buildings still being built).
basic_deed_date-future = The basic deed cannot be dated in the future.
date-invalid = Enter a date as YYYY-MM-DD.
fiscal_year_start-invalid = Enter the first day of the fiscal year as MM-DD (for example 01-01); 29 February is not allowed.

transfer-parties_required = Name who transfers and who acquires.
transfer-seller_holds_nothing = The person transferring holds no share of this lot on that date.
transfer-before_acquisition = The transfer must be dated after the transferor acquired the lot.
transfer-later_history_exists = The lot's register already has later entries; a transfer cannot be inserted before them.
transfer-shares_not_whole = After the transfer the shares of the lot must add up to exactly 100% (full ownership + bare ownership, and full ownership + usufruct).

error-not_found = This item does not exist or you do not have access to it.
error-unauthorized = Please sign in.
error-forbidden = Your role does not allow this action.
error-validation = Some fields need your attention.
error-rate_limited = Too many attempts. Please wait a moment.
error-rate_limited_for = Too many attempts. Try again in { $seconds } seconds.
error-internal = Something went wrong on our side. Nothing was saved; please try again.
error-unavailable = The server is busy. Nothing was changed; try again in { $seconds } seconds.
error-bad_request = The request could not be read. Reload the page and try again.
request-json_required = Send the body as JSON (Content-Type: application/json).
request-malformed_json = The body is not valid JSON.
request-invalid_body = The body does not have the expected fields.
conflict-stale_version = Someone else changed this in the meantime. Reload to see their change, then redo yours.
conflict-duplicate = This already exists.
conflict-email_taken = An account already uses this e-mail address.
conflict-slug_taken = This short name is already taken.
conflict-already_member = This person already has this role in the organisation.
conflict-last_syndic = The organisation needs at least one syndic.
conflict-invitation_closed = This invitation was already accepted or revoked.

notfound-title = Page not found
notfound-body = The page you are looking for does not exist.
notfound-home = Go to the dashboard

dashboard-greeting = Hello, { $name }
dashboard-no_organization = You do not belong to any organisation yet. Ask your syndic for an invitation.
dashboard-your_roles = Your roles
dashboard-members = Members
dashboard-manage_members = Manage members
dashboard-pending_invitations = Pending invitations

settings-profile = Profile
settings-password_changed = Your password has been changed. Your other sessions were signed out.
settings-change_password = Change password

tokens-intro = Tokens let other software use the KoproGo API on your behalf, in the current organisation.
tokens-copy_now = Copy this token now: it will not be shown again.
tokens-create = Create token
tokens-none = No tokens yet.
tokens-prefix = Token
tokens-created = Created
tokens-expires = Expires
tokens-never = Never
tokens-revoke = Revoke

members-current = Members
members-since = Member since
members-remove = Remove
members-pending = Pending invitations
members-no_pending = No pending invitations.
members-expires_on = expires on { $date }
members-revoke = Revoke
members-invite = Invite someone
members-invited = The invitation has been sent.
members-send_invitation = Send invitation

mail-reset_subject = Reset your KoproGo password
mail-reset_body =
    Hello { $name },

    Someone asked to reset the password of your KoproGo account. To choose a new password, open this link within { $hours } hour(s):

    { $link }

    If you did not ask for this, ignore this message: your password stays the same.
mail-invitation_subject = You are invited to join { $organization } on KoproGo
mail-invitation_body =
    Hello,

    You are invited to join { $organization } on KoproGo as { $role }. To accept, open this link within { $days } days:

    { $link }

    If you were not expecting this invitation, ignore this message.

# The co-ownership register
nav-buildings = Buildings
nav-owners = Owners
nav-my_lots = My lots
register-acquirers = Acquirers
register-add_account = Add an account
register-add_lot = Add a lot
register-add_owner = Add an owner
register-all_buildings = ← All buildings
register-balance = Quotes-parts
register-balanced = Quotes-parts complete
register-missing = { $count } quotes-parts still to assign
register-excess = { $count } quotes-parts too many
register-unbalanced_explained = The lots' quotes-parts do not add up to the building's total yet. The building cannot be used for votes or charges until they do.
register-council_required = 20 or more lots count for the law: a co-ownership council is mandatory (art. 3.90 Civil Code).
register-co_holders = Together with
register-create_building = Create the building
register-new_building = New building
register-no_buildings = No buildings yet.
register-designate = Designate
register-designate_representative = Representative of the co-holders
register-representative = Representative
register-needs_representative = no representative
register-needs_representative_explained = This lot has several holders and no representative: it cannot vote until they designate one.
register-export_csv = Export (CSV)
register-import = Import lots and owners
register-import_explained = A CSV or XLSX file with one row per holder: lot_number, lot_kind, floor, area_m2, quota, first_name, last_name, email, locale, right, share, valid_from. The file is checked first; nothing is saved unless every row is correct.
register-import_file = File
register-import_check = Check the file
register-import_apply = Import
register-import_ok = { $lots } lots and { $owners } owners are ready to import.
register-import_done = Imported: { $lots } lots, { $owners } new owners.
register-import_errors = The file has errors; nothing was saved.
register-import_line = Line { $line }
register-field-basic_deed_date = Date of the basic deed
register-field-city = Municipality
register-field-company_number = Enterprise number (companies)
register-field-construction_year = Construction year
register-field-country = Country (2 letters)
register-field-deed_date = Date of the deed
register-field-email = E-mail address
register-field-email_consent = Agrees in writing to receive convocations and documents by e-mail
register-field-enterprise_number = Enterprise number (BCE/KBO)
register-field-first_name = First name
register-field-fiscal_year_start = Fiscal year starts on
register-field-floor = Floor
register-field-iban = IBAN
register-field-kind = Kind
register-field-label = Label
register-field-last_name = Name (or company name)
register-field-locale = Language of documents
register-field-name = Name
register-field-notary = Notary
register-field-notes = Notes
register-field-number = Lot number
register-field-owner = Owner
register-field-owner_kind = Person or company
register-field-phone = Phone
register-field-postal_code = Postal code
register-field-purpose = Used for
register-field-quota = Quote-part
register-field-right = Right
register-field-share = Share
register-field-street = Street and number
register-field-total_quota = Total of quotes-parts
register-field-transfer_kind = Kind of transfer
register-field-valid_from = Held since
register-field-area_m2 = Area (m²)
register-hint-enterprise_number = The association's number, like 0850.123.440.
register-hint-fiscal_year_start = MM-DD, for example 01-01.
register-hint-total_quota = As in the basic deed: usually 1000 or 10000.
register-from = From
register-to = Until
register-today = today
register-holders = Holders
register-lot_count = { $count } lots ({ $counted } counted by law)
register-owner_count = { $count } owners
register-lot_title = Lot { $number }
register-lots = Lots
register-next = Next
register-previous = Previous
register-pages = Pages
register-no_holders = Nobody is registered as holding this lot yet.
register-no_lots_held = No lot is registered in your name in this organisation.
register-owner_added = The owner has been added.
register-owners_found = { $count } owners
register-quota_of = { $quota } / { $total } quotes-parts
register-record_transfer = Record the transfer
register-register_holders = Register the holders
register-save_holders = Save the holders
register-search = Search
register-search_owners = Name, e-mail or lot number
register-sections = Sections of the building
register-sellers = Transferred by
register-timeline = Ownership over time
register-transfer = Transfer of the lot
register-transfer_explained = On the deed date the holdings of those who transfer end and the acquirers' begin. Earlier periods stay in the history.
register-tab-lots = Lots
register-tab-owners = Owners
register-tab-accounts = Bank accounts
register-tab-history = History
register-purpose-working_capital = Working capital
register-purpose-reserve = Reserve fund
owner_kind-natural = Person
owner_kind-legal = Company or other legal person
owner_kind-invalid = Choose a person or a company.
lot_kind-apartment = Apartment
lot_kind-house = House
lot_kind-commercial = Shop
lot_kind-office = Office
lot_kind-parking = Parking space
lot_kind-garage = Garage
lot_kind-cellar = Cellar
lot_kind-storage = Storage room
lot_kind-other = Other
lot_kind-required = Choose the kind of lot.
right-full_ownership = Full ownership
right-bare_ownership = Bare ownership
right-usufruct = Usufruct
right-invalid = Choose full ownership, bare ownership or usufruct.
transfer_kind-sale = Sale
transfer_kind-inheritance = Inheritance
transfer_kind-donation = Donation
transfer_kind-other = Other
transfer_kind-invalid = Choose the kind of transfer.
lot_number-required = Enter the lot number.
lot_number-invalid = Use at most 20 letters, digits, spaces and . - / _
lot_number-taken = Another lot of this building already has this number.
area-invalid = Enter the area in m², with at most two decimals (for example 72,5).
first_name-required = Enter the first name.
last_name-required = Enter the name.
company_number-required = A Belgian company needs its enterprise number.
company_number-natural_person = Only companies have an enterprise number here.
phone-invalid = Enter a phone number of 6 to 15 digits, like +32 470 12 34 56.
country-invalid = Enter the country as two letters, like BE.
email_consent-needs_email = Consent to e-mail needs an e-mail address.
locale-required = Choose a language.
date-required = Enter a date.
date-future = This date cannot be in the future.
holders-required = Add at least one holder.
holders-duplicate = The same owner appears twice with the same right.
holders-not_whole = The shares must add up to exactly 100% (full plus bare ownership, and full ownership plus usufruct).
owner-required = Choose an owner.
owner-not_found = This owner is not in your register.
transfer-sellers_required = Tick who transfers.
representative-not_a_holder = The representative must be one of the lot's holders.
bank_account-purpose_invalid = Choose working capital or reserve fund.
conflict-building_archived = This building is archived.
conflict-lot_has_history = This lot has an ownership history and cannot be deleted.
conflict-lot_already_held = This lot already has holders: record a transfer instead.
conflict-lot_not_held = Register the lot's holders before a transfer.
import-columns = The file must have the columns lot_number, lot_kind and quota.
import-unreadable = The file cannot be read: send a CSV (UTF-8) or an XLSX file.
import-empty = The file has no rows.
import-lot_conflict = The same lot number has different details on another row.
import-lot_exists = This lot already exists in the building.
audit-building-created = Building created
audit-building-updated = Building changed
audit-building-archived = Building archived
audit-lot-created = Lot added
audit-lot-updated = Lot changed
audit-lot-deleted = Lot deleted
audit-lot-holders_registered = Holders registered
audit-lot-transferred = Lot transferred
audit-lot-representative_designated = Representative designated
audit-bank_account-added = Bank account added
audit-bank_account-removed = Bank account removed
audit-register-imported = Register imported
import-valid_from_differs = All holders of one lot must have the same 'valid_from' date.
import-too_large = The file is larger than 1 MB.
import-too_many_rows = The file has more than 10,000 rows: split it into several files.
import-too_many_columns = The file has more than 64 columns: keep only the columns of the export.
import-header_too_long = A column name is longer than 64 characters: check the first row.
import-cell_too_long = A cell holds more than 2,000 characters.
register-tab-import = Import
register-edit_lot = Edit the lot
register-edit_building = Edit the building
register-save = Save
conflict-quotas_unbalanced = The lots' quotes-parts do not add up to the building's total yet: complete the register first.
building-not_found = This building is not in your organisation.
audit-membership-buildings_set = Council buildings set
members-council_of = Council of
members-choose_council_buildings = Choose the buildings
mail_status-queued = mail queued
mail_status-sent = mail sent
mail_status-failed = mail not delivered
register-import_same_names = { $count } new owners have the same name as an owner already in your register, without an e-mail address to tell whether they are the same person. They are kept as separate owners: check them in the Owners tab.
page-invalid = Ask for a page from 1 to 100,000.
per_page-invalid = Ask for 1 to 200 items per page.

register-field-holder_name = Account holder
register-field-bic = BIC
register-field-opened_on = Opened on
register-field-closed_on = Closed on
register-hint-holder_name = The association's name, as on the bank statements.
register-close_account = Close
register-choose = Choose…
register-accounts_missing = No open account for: { $funds }. The law asks for a distinct account in the association's name for each fund.
register-accounts_incomplete = Bank accounts incomplete
bank_account-purpose_required = Choose which fund the account holds.
bank_account-holder_required = Give the name the account is held in (the association's).
bank_account-closed_before_opened = An account cannot close before it opened.
bank_account-already_closed = This account is closed already.
bank_account-iban_taken = This IBAN is already registered for an association: one account belongs to one association.
bic-invalid = A BIC has 8 or 11 characters, like GEBABEBB.
audit-bank_account-closed = Bank account closed
