Feature: The support manager runs the team's accounts
  Admins run the team: they add agents, make someone an admin and switch off the
  account of someone who leaves. Agents answer visitors and read the FAQs; only
  admins change the FAQs and the team. Someone whose account is switched off is
  signed out of every desk at once.

  Background:
    Given Sara is an admin

  Scenario: A new agent joins the team
    When Sara adds Omid to the team as an agent
    Then Omid can sign in
    And Omid is on the team as an agent
    When Omid tries to add Mina to the team
    Then it is refused because only an admin may do that

  Scenario: An agent who leaves is signed out of every desk at once
    Given Omid is an agent with the desk open
    When Sara switches off Omid's account
    Then Omid's open desks close
    And Omid can no longer sign in

  Scenario: An admin cannot lock themselves out
    When Sara tries to switch off her own account
    Then it is refused because nobody disables or demotes themselves
