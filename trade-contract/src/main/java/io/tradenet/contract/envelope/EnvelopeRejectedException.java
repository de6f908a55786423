package io.tradenet.contract.envelope;

/** A record that must not be acted on: unparseable, unsigned, forged, from the wrong party or of the wrong type. */
public class EnvelopeRejectedException extends RuntimeException {
    public EnvelopeRejectedException(String message) {
        super(message);
    }
}
