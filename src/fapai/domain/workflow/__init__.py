"""A case's disposal of seized property: the lot's stages, the statutory checks with
their articles, the grounds for pausing and revoking, and every clock that runs."""
