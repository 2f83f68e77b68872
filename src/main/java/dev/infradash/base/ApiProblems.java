package dev.infradash.base;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriUtils;

/**
 * The REST API's refusals as problem+json, one shape for every controller: the status, a detail
 * that says what happened and what to do, the request's path as {@code instance}, and for a
 * refused body {@code errors}, a list of {@code {"field": ..., "message": ...}}.
 */
public final class ApiProblems {

    private ApiProblems() {}

    public static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, HttpServletRequest request) {
        return problem(status, detail, request, Map.of());
    }

    public static ResponseEntity<ProblemDetail> problem(
            HttpStatus status, String detail, HttpServletRequest request, Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(UriUtils.encodePath(request.getRequestURI(), "UTF-8")));
        properties.forEach(problem::setProperty);
        return ResponseEntity.status(status).body(problem);
    }

    public static Map<String, String> fieldError(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    /** "1 field needs a fix", "3 fields need a fix". */
    public static String fieldsNeedAFix(int count) {
        return count + (count == 1 ? " field needs" : " fields need") + " a fix";
    }
}
