package io.apogee.common.admin;

/** Outcome of a CONSUME_MESSAGE_DIRECTLY call, in {@link ConsumeMessageDirectlyResult}. */
public enum CMResult {
    CR_SUCCESS,
    CR_LATER,
    CR_ROLLBACK,
    CR_COMMIT,
    CR_THROW_EXCEPTION,
    CR_RETURN_NULL
}
