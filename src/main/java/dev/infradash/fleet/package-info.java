@NullMarked
package dev.infradash.fleet;

import org.jspecify.annotations.NullMarked;
