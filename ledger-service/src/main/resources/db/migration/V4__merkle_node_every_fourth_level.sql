-- Only every fourth level of the tree is stored from now on (LedgerStore.STRIDE): the levels between are
-- computed from the at most eight stored nodes below them when a proof needs them.
DELETE FROM merkle_node WHERE MOD(level, 4) <> 0;
