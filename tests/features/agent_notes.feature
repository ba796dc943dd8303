Feature: Agents leave notes on a conversation that the visitor never sees
  Agents write notes on a conversation for each other: what was promised, what to
  check, who the visitor is. Every agent sees them among the messages, marked as
  notes. The visitor never does: not on their page, not when they open the
  conversation again.

  Background:
    Given a visitor has opened a conversation
    And the visitor has written "مشکل با پرداخت دارم"
    And agent "sara" has joined the conversation

  Scenario: An agent leaves a note the visitor never sees
    When agent "sara" leaves the note "Refund already promised by phone"
    And the visitor writes "هنوز پولم برنگشته"
    Then the agents see the note "Refund already promised by phone" from "sara" after the visitor's first message
    And the visitor never sees the note "Refund already promised by phone"
    And the visitor's messages are numbered without a gap

  Scenario: Another agent leaves a hint on a conversation they do not hold
    When agent "reza" leaves the note "This visitor called yesterday too"
    Then the agents see the note "This visitor called yesterday too" from "reza" after the visitor's first message

  Scenario: A closed conversation takes no more notes
    Given agent "sara" has closed the conversation
    When agent "sara" tries to leave the note "one more thing"
    Then it is refused because the conversation is closed
