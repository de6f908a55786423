package io.tradenet.contract.notary;

/** Whether a conflicting state was an input (to be consumed) or a reference (to be checked) of the rejected transaction. */
public enum ConflictKind {
    INPUT,
    REFERENCE
}
