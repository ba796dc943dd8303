Feature: Visitors leave a way to reach them when nobody can answer
  The team answers in its business hours, and only while an agent has the desk open.
  Outside the hours, or with nobody on, a visitor who asks for a person still waits in the
  queue, is told when the team is back, and may leave a name and an email or a phone number.
  The desk lists the conversations that left a contact.

  Background:
    Given the team works "sat-wed 09:00-17:00; thu 09:00-13:00" in Tehran

  Scenario: Out of hours the visitor waits and learns when the team is back
    Given it is Friday 10:30 in Tehran
    And a visitor has opened a conversation
    When the visitor writes "I want to talk to a human"
    Then the conversation is waiting in the queue
    And the visitor is told nobody can answer until Saturday 09:00 in Tehran

  Scenario: In the hours with nobody on the desk, the visitor is told nobody can answer now
    Given it is Saturday 10:30 in Tehran
    And no agent has the desk open
    And a visitor has opened a conversation
    When the visitor writes "I want to talk to a human"
    Then the visitor is told nobody can answer, without a time

  Scenario: In the hours with an agent on the desk, the visitor simply waits
    Given it is Saturday 10:30 in Tehran
    And an agent has the desk open
    And a visitor has opened a conversation
    When the visitor writes "I want to talk to a human"
    Then the visitor is told their place in the queue

  Scenario: A phone number in Persian digits is kept and listed for the desk
    Given it is Friday 10:30 in Tehran
    And a visitor has opened a conversation
    And the visitor has written "I want to talk to a human"
    When the visitor leaves the name "سارا" and the phone "۰۹۱۲ ۳۴۵ ۶۷۸۹"
    Then the desk lists the conversation with the phone "09123456789", left while offline

  Scenario Outline: A contact needs a valid email or phone
    Given it is Friday 10:30 in Tehran
    And a visitor has opened a conversation
    When the visitor tries to leave the name "Sara", the email "<email>" and the phone "<phone>"
    Then it is refused because the contact is not valid
    And the desk lists no contact

    Examples:
      | email          | phone  |
      |                |        |
      | sara@example   |        |
      |                | 12345  |
