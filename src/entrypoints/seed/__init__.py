"""Sample data shipped with Pasokh (`pasokh faqs seed`)."""
