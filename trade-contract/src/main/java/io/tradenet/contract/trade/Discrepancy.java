package io.tradenet.contract.trade;

/** One discrepancy found by the examination: the UCP 600 article it breaks, the MT700 field or document concerned, and what is wrong. */
public record Discrepancy(String article, String field, String description) {
}
