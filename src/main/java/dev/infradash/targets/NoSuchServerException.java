package dev.infradash.targets;

import java.util.List;

/** An update or deletion names a server the list does not have (any more); nothing was written. */
public class NoSuchServerException extends ValidationException {

    public NoSuchServerException(String id) {
        super(List.of(new FieldError("id", "there is no server with this id in the list")));
    }
}
