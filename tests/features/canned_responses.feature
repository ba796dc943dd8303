Feature: Agents answer with the team's saved replies
  The support manager keeps saved replies for what visitors ask again and again,
  each with a short name. An agent types a slash and the first letters of that name
  in the reply box, picks the reply and sends it: the visitor gets it like any other
  message from the agent.

  Background:
    Given the support manager has saved these replies:
      | shortcut | text                                              |
      | hours    | We are open from 9 to 17, Saturday to Wednesday.  |
      | help     | How can I help you today?                          |
      | سلام     | سلام! چطور می‌توانم کمکتان کنم؟                   |

  Scenario: An agent finds saved replies by the first letters of their name
    When an agent types "/h" in the reply box
    Then the saved replies "help, hours" are offered
    When an agent types "/سل" in the reply box
    Then the saved replies "سلام" are offered

  Scenario: A saved reply reaches the visitor as the agent's message
    Given a visitor has opened a conversation
    And the visitor has written "I want to talk to a human"
    And agent "sara" has joined the conversation
    When agent "sara" sends the saved reply "hours"
    Then the conversation ends with:
      | from       | text                                             |
      | agent sara | We are open from 9 to 17, Saturday to Wednesday. |

  Scenario: Two saved replies cannot share a name
    When the support manager tries to save a reply named "HOURS"
    Then it is refused because the shortcut is taken

  Scenario: A saved reply keeps to the length of a message
    When the support manager tries to save a reply of 4001 characters
    Then it is refused because the saved reply is not valid
