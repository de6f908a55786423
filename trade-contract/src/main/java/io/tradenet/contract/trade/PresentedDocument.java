package io.tradenet.contract.trade;

import java.time.LocalDate;

/**
 * One document of a presentation, with the data the examination reads from it. Which fields matter
 * depends on the type: an invoice has an amount, currency and goods; a bill of lading its on-board date,
 * ports, carrier and vessel, whether it is clean, a full set, and shows transhipment; an insurance
 * document its amount, currency and coverage. Fields a type does not have are null.
 */
public record PresentedDocument(
        String type,
        String reference,
        String creditNumber,
        String issuer,
        String currency,
        String amount,
        String goods,
        LocalDate date,
        Boolean onBoard,
        Boolean clean,
        Boolean fullSet,
        String portOfLoading,
        String portOfDischarge,
        String carrier,
        String vessel,
        Boolean transhipment,
        String coverage) {

    public static final String COMMERCIAL_INVOICE = "COMMERCIAL_INVOICE";
    public static final String BILL_OF_LADING = "BILL_OF_LADING";
    public static final String INSURANCE = "INSURANCE";
    public static final String PACKING_LIST = "PACKING_LIST";
    public static final String CERTIFICATE_OF_ORIGIN = "CERTIFICATE_OF_ORIGIN";
    public static final String PHYTOSANITARY_CERTIFICATE = "PHYTOSANITARY_CERTIFICATE";
    public static final String INSPECTION_CERTIFICATE = "INSPECTION_CERTIFICATE";
}
