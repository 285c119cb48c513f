package io.apogee.client.admin;

/**
 * A broker an aggregate view asked and got no usable answer from; the view's figures leave it out.
 *
 * @param brokerName the broker's name in the route or cluster table
 * @param addr the address asked
 * @param error why: the broker's refusal ({@code CODE: … DESC: …}) or the transport failure
 */
public record BrokerFailure(String brokerName, String addr, String error) {
}
