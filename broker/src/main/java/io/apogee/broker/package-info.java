/** Apogee broker. */
package io.apogee.broker;
