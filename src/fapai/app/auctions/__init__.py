"""The live auction as the public and bidders see it: registration and deposits, bids
and their flat combining, the close, the public's queries and search, the replay export."""
