package dev.switchboard.web.internal;

import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Thrown while reading a streamed body that grows past the configured limit. */
class PayloadTooLarge extends IOException {

    static final String DETAIL = "The request body is larger than this server accepts.";

    PayloadTooLarge(long limit) {
        super("Request body exceeds " + limit + " bytes");
    }

    static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                DETAIL);
        problem.setTitle("Request too large");
        return problem;
    }
}
