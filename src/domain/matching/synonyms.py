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
cancel | call off | cancellation | cancelled
لغو | کنسل | کنسلی | لغو کردن
تغییر | عوض | جابجا | جابجایی | جا به جا | ویرایش
به تعویق | عقب انداختن | عقب بیندازم | جلو انداختن | روز دیگر | یک روز دیگه | وقت دیگه
time | date
late | delay | delayed | running late
دیر | تاخیر | دیرتر

# Prices and payment
قیمت | هزینه | تعرفه | نرخ | مبلغ | هزینه‌ها
pay | payment | paying |
    پرداخت | پول بدم | پول بدیم | پول بدهم | پول بدید | پول بدین | پول دادن | حساب کنم
money | cash | پول | وجه | نقد | نقدی
card | credit card | debit card | bank card | mastercard | کارت | کارت بانکی | کارت اعتباری
refund | money back | reimbursement | reimburse | بازپرداخت | استرداد | پس گرفتن پول | برگشت پول
invoice | receipt | bill | فاکتور | رسید | قبض

# Contact and place
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
account | profile | حساب | حساب کاربری | پروفایل

# Messages and documents
reminder | remind | notification | notify | sms | text message | یادآوری | پیامک | اس ام اس
id card | national id | identity card | کارت ملی | کد ملی
certificate | sick note | doctor's note | گواهی | گواهی پزشکی
records | file | history | پرونده | سوابق
method | way | option | روش | راه | شیوه
see | view | check | look at | دیدن | ببینم | مشاهده
download | get a copy | دانلود | دریافت

# People and services
doctor | physician | gp | dr | پزشک | دکتر | طبیب
child | children | kid | kids | baby | paediatric | pediatric | کودک | بچه | اطفال | نوزاد
interpreter | translator | مترجم
vaccine | vaccination | jab | shot | immunisation | immunization | واکسن | واکسیناسیون

# Tests and results
checkup | check-up | check up | چکاپ | چک آپ
fast | fasting | empty stomach | ناشتا | ناشتایی | معده خالی
eat | eating | food | meal | breakfast | drink | خوردن | غذا | صبحانه | بخورم | نوشیدن
"""
