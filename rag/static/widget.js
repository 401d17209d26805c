// The UN disarmament documents chat widget (placeholder until the widget lands).
