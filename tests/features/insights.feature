Feature: The site owner learns from the conversations of the last 30 days
  The site owner sees how many conversations the bot ended without a person, which
  questions no FAQ answers yet, and what a new FAQ would have answered before saving it.

  Background:
    Given the FAQ catalog holds:
      | faq   | question                     | answer       | keywords    |
      | hours | What are your opening hours? | From 9 to 5. | hours, open |
    And visitors have written, each in a conversation of their own:
      | text                         |
      | What are your opening hours? |
      | Can I pay with bitcoin?      |
      | can I pay with bitcoin       |
      | I want to talk to a human    |

  Scenario: The report counts the conversations the bot ended without a person
    When the site owner opens the report of the last 30 days
    Then the report counts 4 conversations
    And 3 of every 4 ended without a person
    And 1 of every 4 questions was answered by an FAQ
    And 1 conversation went to a person because the visitor asked for one

  Scenario: The questions no FAQ answers come grouped, the most asked first
    When the site owner looks for the questions no FAQ answers
    Then the first group is "Can I pay with bitcoin?", asked 2 times
    And asking for a person is not among them

  Scenario: A draft FAQ shows what it would have answered
    When the site owner drafts the FAQ "Can I pay with bitcoin?" answering "Not yet."
    Then it would have answered 2 of the 4 questions, 2 of them unanswered before
    And the catalog still holds 1 FAQ
