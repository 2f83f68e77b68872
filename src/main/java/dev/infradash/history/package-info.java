@NullMarked
package dev.infradash.history;

import org.jspecify.annotations.NullMarked;
