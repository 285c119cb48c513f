/** Push-consumer listeners, concurrent and orderly, with their contexts and outcomes. */
package io.apogee.client.consumer.listener;
