/**
 * The audit trail: one append-only log ({@code audit.jsonl}) of every change an admin makes, to
 * targets, users and API tokens, with who, from where, and before/after (never a secret). The
 * features write to it; the Settings page reads it.
 */
@NullMarked
package dev.infradash.audit;

import org.jspecify.annotations.NullMarked;
