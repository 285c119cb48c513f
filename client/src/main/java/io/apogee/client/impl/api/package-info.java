/** Requests to NameServers and brokers, one class per request family. */
package io.apogee.client.impl.api;
