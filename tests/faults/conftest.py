"""The fault suite (issue 14): each test drives a real run into one fault and checks nothing is lost,
leaked or hung. Every subprocess has a timeout; runs use the seed pack (16 items)."""
