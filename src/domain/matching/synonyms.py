"""Support vocabulary that visitors use interchangeably: the matcher's synonym lexicon.

One group per line (a line ending in "|" goes on on the next), members separated by "|".
Every member of a group stands for the same
concept, so a visitor who writes one member reaches an FAQ written with another, at a lower
strength than the exact word (domain/matching/concepts.py). A member may be a phrase ("call
off", «یادم رفته»); a word may be in more than one group («وقت» is both a time and an
appointment). Members are written as a visitor would, in any form: inflections, spacing and
Arabic letter forms are normalized as for FAQs.

Keep it general: words any support desk meets, not the wording of one catalog or of the
evaluation questions. A word specific to one business belongs in that FAQ's keywords.
"""

GROUPS = """
# Appointments and bookings
book | reserve | schedule | make an appointment | set up an appointment
appointment | booking | reservation | slot | visit
نوبت | وقت | رزرو | نوبت‌دهی | نوبت‌گیری
cancel | call off | cancellation | cancelled
لغو | کنسل | کنسلی | لغو کردن
change | modify | edit | alter | move | switch | reschedule | rearrange
تغییر | عوض | جابجا | جابجایی | جا به جا | ویرایش
postpone | reschedule | push back | put off | another day | another time | different time |
    different day | later date
به تعویق | عقب انداختن | عقب بیندازم | جلو انداختن | روز دیگر | یک روز دیگه | وقت دیگه
time | date
زمان | تاریخ | وقت
late | delay | delayed | running late
دیر | تاخیر | دیرتر

# Opening hours and holidays
hours | opening hours | opening times | working hours | business hours | office hours |
    open | close | what time
ساعت کاری | ساعات کاری | ساعت کار | ساعات کار | باز | بسته | چه ساعتی
holiday | public holiday | bank holiday | vacation | nowruz
تعطیل | تعطیلات | تعطیلی | عید | نوروز

# Prices and payment
price | cost | fee | charge | rate | tariff | how much | how much does it cost
قیمت | هزینه | تعرفه | نرخ | مبلغ | هزینه‌ها
pay | payment | paying |
    پرداخت | پول بدم | پول بدیم | پول بدهم | پول بدید | پول بدین | پول دادن | حساب کنم
money | cash | پول | وجه | نقد | نقدی
card | credit card | debit card | bank card | mastercard | کارت | کارت بانکی | کارت اعتباری
refund | money back | reimbursement | reimburse | بازپرداخت | استرداد | پس گرفتن پول | برگشت پول
free | no charge | without charge | رایگان | مجانی | بدون هزینه
invoice | receipt | bill | فاکتور | رسید | قبض

# Contact and place
phone | telephone | call | ring | phone number | contact number | contact |
    تلفن | شماره تماس | تماس | زنگ | زنگ بزنم
address | location | directions | how to get there | find you | آدرس | نشانی | لوکیشن | مسیر
clinic | centre | center | practice | کلینیک | درمانگاه | مطب | مرکز
reception | front desk | admissions | پذیرش
parking | car park | parking lot | parking space | park my car | پارکینگ | جای پارک | پارک ماشین
home | house | at home | منزل | خانه
nearest | closest | near | nearby | نزدیک | نزدیکترین
accessible | accessibility | step-free | wheelchair | disabled | ramp |
    ویلچر | معلول | رمپ | آسانسور
lift | elevator | آسانسور

# Accounts
password | passcode | رمز | رمز عبور | پسورد | کلمه عبور
forgot | forget | forgotten | can't remember | cannot remember | don't remember | lost
فراموش | فراموشی | یادم رفته | یادم نیست | یادم نمیاد | یادم نمی‌آید
reset | recover | recovery | restore | بازیابی
log in | login | sign in | signin | log on | access my account | ورود | وارد | لاگین | وارد شدن
account | profile | حساب | حساب کاربری | پروفایل

# Messages and documents
reminder | remind | notification | notify | sms | text message | یادآوری | پیامک | اس ام اس
documents | papers | paperwork | what to bring | مدارک | مدرک
id card | national id | identity card | کارت ملی | کد ملی
certificate | sick note | doctor's note | گواهی | گواهی پزشکی
records | file | history | پرونده | سوابق
method | way | option | روش | راه | شیوه
see | view | check | look at | دیدن | ببینم | مشاهده
download | get a copy | دانلود | دریافت

# People and services
doctor | physician | gp | dr | پزشک | دکتر | طبیب
specialist | specialists | specialty | speciality | specialties | consultant | متخصص | تخصص
female | woman | women | lady | خانم | زن | بانو
child | children | kid | kids | baby | paediatric | pediatric | کودک | بچه | اطفال | نوزاد
consultation | consult | مشاوره
online | internet | website | site | web | آنلاین | اینترنتی | اینترنت | سایت | وبسایت
interpreter | translator | مترجم
vaccine | vaccination | jab | shot | immunisation | immunization | واکسن | واکسیناسیون

# Tests and results
result | results | test results | جواب | نتیجه | جواب آزمایش
ready | done | prepared | available | آماده | حاضر
how long | how many days | how soon | how much time | turnaround |
    چقدر طول | چند روز | چه مدت | کی آماده
test | lab test | blood test | آزمایش | تست
checkup | check-up | check up | چکاپ | چک آپ
fast | fasting | empty stomach | ناشتا | ناشتایی | معده خالی
eat | eating | food | meal | breakfast | drink | خوردن | غذا | صبحانه | بخورم | نوشیدن
"""
