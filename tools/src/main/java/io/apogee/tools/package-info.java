/** Apogee tools. */
package io.apogee.tools;
