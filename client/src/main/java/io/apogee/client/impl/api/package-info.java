/**
 * Requests to NameServers and brokers, one class per request family, and the wire details they share: the
 * NameServer list with its fail-over, zlib message bodies, response decoding. Depends on nothing else of the client
 * but its exceptions, so that {@code client.impl} can build on it without a cycle.
 */
package io.apogee.client.impl.api;
