Feature: Agents take conversations from the queue
  An agent takes a waiting conversation, talks with the visitor and closes the
  conversation when they are done. One conversation, one agent.

  Background:
    Given a visitor has opened a conversation
    And the visitor has written "مشکل با پرداخت دارم"

  Scenario: An agent joins a conversation waiting in the queue
    When agent "sara" joins the conversation
    Then the queue is empty
    And the conversation is with an agent
    And agent "sara" is talking with the visitor
    And the visitor is told in Persian that "sara" joined
    And the agents see "sara" in the active chats with the visitor

  Scenario: A second agent cannot take a conversation already taken
    Given agent "sara" has joined the conversation
    When agent "reza" tries to join the conversation
    Then it is refused because the conversation is already taken
    And agent "sara" is talking with the visitor

  Scenario: Only the agent who joined may write
    Given agent "sara" has joined the conversation
    When agent "sara" writes "سلام، من سارا هستم. چه مشکلی پیش آمده؟"
    And the visitor writes "پولم کم شد ولی نوبت ثبت نشد"
    And agent "reza" tries to write "من کمک می‌کنم"
    Then it is refused because only the agent who joined may write
    And the bot stays silent
    And the conversation ends with:
      | from       | text                                  |
      | agent sara | سلام، من سارا هستم. چه مشکلی پیش آمده؟ |
      | visitor    | پولم کم شد ولی نوبت ثبت نشد           |

  Scenario: Closing ends the conversation for good
    Given agent "sara" has joined the conversation
    When agent "sara" closes the conversation
    Then the conversation is closed
    And no agent has an active chat
    When the visitor tries to write "هنوز هستید؟"
    Then it is refused because the conversation is closed
    When agent "sara" tries to write "ببخشید، یک نکته دیگر"
    Then it is refused because the conversation is closed

  Scenario: A conversation closed while waiting leaves the queue
    When agent "sara" closes the conversation
    Then the conversation is closed
    And the queue is empty
