package io.tradenet.contract.trade;

/**
 * The instruction actions of the trade protocol (the {@code action} of a signed instruction) and the
 * state types they create. Parties' tools and the letter-of-credit service use these names.
 */
public final class Actions {

    /** Issuing bank issues a credit; body {@code {"credit": CreditTerms}}. */
    public static final String ISSUE_CREDIT = "IssueCredit";

    /** Advising bank advises the credit (UCP 600 art. 9), confirming it when asked and willing (art. 8); body {@code {"confirm": bool}}. */
    public static final String ADVISE_CREDIT = "AdviseCredit";
    /** Issuing bank amends the credit (art. 10); body {@code {"amendment": Amendment}} or {@code {"mt707": "<FIN>"}}. */
    public static final String AMEND_CREDIT = "AmendCredit";
    /**
     * Advising bank advises the pending amendment (art. 9(d)); a confirming bank says whether it extends
     * its confirmation to it (art. 10(b)); body {@code {"amendment": number, "extendConfirmation": bool}}.
     */
    public static final String ADVISE_AMENDMENT = "AdviseAmendment";
    /** Beneficiary accepts the pending amendment whole (art. 10(c), (e)); body {@code {"amendment": number}}. */
    public static final String ACCEPT_AMENDMENT = "AcceptAmendment";
    /** Beneficiary rejects the pending amendment; the old terms stand; body {@code {"amendment": number}}. */
    public static final String REJECT_AMENDMENT = "RejectAmendment";
    /** Beneficiary presents documents; body {@code {"presentation": {"id", "amount", "documents": [PresentedDocument]}}}. */
    public static final String PRESENT_DOCUMENTS = "PresentDocuments";
    /**
     * Beneficiary sends the notice of completeness of an electronic presentation (eUCP art. e5, e7): the
     * examination and its five banking days start now; body {@code {"presentation": id}}. A presentation
     * made with {@code "electronic": true} and without {@code "complete": true} waits for it.
     */
    public static final String NOTICE_OF_COMPLETENESS = "NoticeOfCompleteness";
    /** Issuing (or confirming) bank honours a complying or waived presentation (art. 7, 8, 15); body {@code {"presentation": id}}. */
    public static final String HONOUR = "Honour";
    /** Issuing bank refuses a discrepant presentation with one notice (art. 16); body {@code {"presentation": id, "disposal": ...}}. */
    public static final String REFUSE = "Refuse";
    /** Applicant waives the discrepancies of a presentation (art. 16(b)); body {@code {"presentation": id}}. */
    public static final String WAIVE_DISCREPANCIES = "WaiveDiscrepancies";

    /** Issuing bank proposes to cancel an irrevocable credit (art. 10(a): only with the beneficiary's and any confirming bank's agreement). */
    public static final String CANCEL_CREDIT = "CancelCredit";
    /** Beneficiary or confirming bank agrees to the proposed cancellation; once all have, the credit is cancelled. */
    public static final String AGREE_CANCELLATION = "AgreeCancellation";
    /** The letter-of-credit service (GATEWAY) expires a credit whose expiry date has passed (art. 6(d), 29). */
    public static final String EXPIRE_CREDIT = "ExpireCredit";

    /** Carrier books a shipment for a shipper; body {@code {"shipment": {id, shipper, goods, portOfLoading, portOfDischarge, vessel}}}. */
    public static final String BOOK_SHIPMENT = "BookShipment";
    /**
     * Carrier records a milestone (GATED_IN, LOADED_ON_BOARD, DEPARTED, ARRIVED, DELIVERED, in that order);
     * loading on board issues the electronic bill of lading to the shipper. Body {@code {"shipment": id, "milestone", "place"}}.
     */
    public static final String RECORD_MILESTONE = "RecordMilestone";

    public static final String STATE_LETTER_OF_CREDIT = "LetterOfCredit";
    public static final String STATE_SHIPMENT = "Shipment";
    /** An electronic bill of lading: exactly one holder at a time; endorsing it consumes it. */
    public static final String STATE_EBL = "ElectronicBillOfLading";

    private Actions() {
    }
}
