"""The parts of FAQ matching: word forms, vocabulary, corpus statistics and scoring."""
