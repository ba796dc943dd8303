Feature: The site owner moves the FAQ catalog in a file
  A site owner keeps the FAQ catalog in a spreadsheet or a data file: they export it,
  edit it, and import it on the same site or on another one. A file with mistakes is
  refused as a whole, so the catalog is never left half imported, and the owner is
  told every row to fix.

  Background:
    Given the clinic's site has these FAQs:
      | faq        | question                      | answer                                    | keywords                  | priority | active |
      | booking-fa | چطور نوبت بگیرم؟              | از صفحهٔ «رزرو نوبت» در سایت نوبت بگیرید. | نوبت, رزرو نوبت, نوبت‌دهی | 100      | yes    |
      | booking-en | How do I book an appointment? | Use the "Book" page, or call reception.   | book, appointment         | 100      | yes    |
      | parking-en | Is there parking, nearby?     | Yes, behind the building.                 | parking                   | 5        | yes    |
      | fridays-en | Do you open on Fridays?       | No, we are closed on Fridays.             |                           | 5        | no     |

  Scenario Outline: A site owner exports the catalog and imports it elsewhere
    When the site owner exports the catalog to "<file>"
    And imports "<file>" on a new site
    Then the new site has the same FAQs, in the same order
    And a visitor of the new site who asks "چطور میتونم نوبت بگیرم" gets the answer "از صفحهٔ «رزرو نوبت» در سایت نوبت بگیرید."

    Examples:
      | file         |
      | catalog.csv  |
      | catalog.json |

  Scenario: Importing the same file again changes nothing
    Given the site owner has exported the catalog to "catalog.csv"
    When the site owner imports "catalog.csv" on the clinic's site
    Then the import reports 0 added, 0 updated and 4 unchanged
    And the catalog has not changed

  Scenario: A file corrects an FAQ by its id and adds a new one
    Given the site owner has a spreadsheet "changes.csv" with these rows:
      | faq        | question                  | answer                                   | keywords          | priority | active |
      | parking-en | Is there parking, nearby? | Yes, 40 free places behind the building. | parking, car park | 7        | yes    |
      |            | آیا پارکینگ دارید؟        | بله، پشت ساختمان.                        | پارکینگ           |          |        |
    When the site owner imports "changes.csv" on the clinic's site
    Then the import reports 1 added, 1 updated and 0 unchanged
    And a visitor who asks "Is there parking, nearby?" gets the answer "Yes, 40 free places behind the building."
    And a visitor who asks "پارکینگ دارید؟" gets the answer "بله، پشت ساختمان."

  Scenario: A file with mistakes is refused as a whole, naming each bad row
    Given the site owner has a spreadsheet "mistakes.csv" with these rows:
      | faq        | question            | answer                 | keywords | priority | active |
      |            | Is there Wi-Fi?     | Yes, ask reception.    | wifi     | 1        | yes    |
      |            |                     | An answer, no question |          | high     | yes    |
      |            | Can I pay by card?  | Yes.                   |          | 2        | maybe  |
      | booking-en | How do I book?      | Online.                |          | 3        | yes    |
      | booking-en | How do I book here? | By phone.              |          | 3        | yes    |
    When the site owner imports "mistakes.csv" on the clinic's site
    Then the import is refused, naming these problems:
      | row | field    | problem                                                |
      | 2   | question | must not be empty                                      |
      | 2   | priority | must be a whole number, not 'high'                     |
      | 3   | active   | must be one of true, false, yes, no, 1, 0, not 'maybe' |
      | 5   | id       | names the same FAQ as row 4                            |
    And the catalog has not changed

  Scenario: A file of a kind Pasokh does not know is refused
    Given the site owner has a workbook "catalog.xlsx"
    When the site owner imports "catalog.xlsx" on the clinic's site
    Then the site owner is told to use a .json or .csv file
    And the catalog has not changed
