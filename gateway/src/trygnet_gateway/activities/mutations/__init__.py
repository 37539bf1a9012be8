"""The activities domain's mutations, one module per concept: ``partnerships``, ``fora``,
``activity``, ``safety_walks``, ``strategy`` and ``surveys``. A module's ``Commands``
holds the commands sent as they are (``command``: the input to the activities service,
the written object read back); its ``Mutation`` those written out, which read back more
(the meeting recorded, the finding, the indicator added). ``trygnet_gateway.activities``
merges them into the schema's ``Mutation``, every ``Commands`` first, as it has always
listed them."""
