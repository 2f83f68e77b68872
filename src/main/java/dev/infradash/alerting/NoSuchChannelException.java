package dev.infradash.alerting;

/** No channel with this id. */
public class NoSuchChannelException extends RuntimeException {

    public NoSuchChannelException(String id) {
        super("No channel with id " + id);
    }
}
