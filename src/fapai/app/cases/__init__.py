"""The court's back office: cases and the disposal of their lots, from the ruling to the
delivery — terms and the panel, platform designation, notices, announcement, pauses,
rounds, the money decisions after a sale, documents and the deadline board."""
