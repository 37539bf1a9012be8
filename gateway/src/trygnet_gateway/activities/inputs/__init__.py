"""The inputs of the activities domain's mutations, one module per concept:
``partnerships``, ``fora``, ``activity``, ``safety_walks``, ``strategy`` and ``surveys``.

Ids of what a command changes go in its input and into the path. Every input of a
command on an existing stream offers ``expectedVersion`` (sent as If-Match)."""
