package dev.infradash.base;

import static dev.infradash.base.ApiProblems.problem;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Optimistic concurrency's refusals for every REST controller in one place: 428 for a write
 * without a usable {@code If-Match} ({@link IfMatch}), 412 for one whose version is stale
 * ({@link VersionConflictException}). A controller must not handle these itself: its own
 * handler would take precedence over this one.
 */
@RestControllerAdvice
class VersionProblems {

    @ExceptionHandler(VersionConflictException.class)
    ResponseEntity<ProblemDetail> stale(VersionConflictException e, HttpServletRequest request) {
        return problem(HttpStatus.PRECONDITION_FAILED, e.apiDetail(), request);
    }

    @ExceptionHandler(IfMatch.MissingVersionException.class)
    ResponseEntity<ProblemDetail> missingVersion(IfMatch.MissingVersionException e, HttpServletRequest request) {
        return problem(HttpStatus.PRECONDITION_REQUIRED, String.valueOf(e.getMessage()), request);
    }
}
