/**
 * Reads a request's JSON body with a byte limit (raw-body). Past the limit the request is
 * answered 413 at once and its connection closed: body-parser would instead read the rest
 * of the body off the socket before answering, which a client streaming forever never ends.
 */
import type { RequestHandler } from "express";
import getRawBody from "raw-body";
import { closeAfterAnswer } from "./lingeringClose";

/** Middleware: `req.body` = the parsed JSON (`{}` when empty); 413 / 400 with a coded message otherwise. */
export function jsonBody(limit: number): RequestHandler {
  return (req, res, next) => {
    getRawBody(req, { limit, length: req.headers["content-length"], encoding: "utf8" }, (err, text) => {
      if (err) {
        const tooLong = (err as { type?: string }).type === "entity.too.large";
        closeAfterAnswer(res);
        return void res.status(tooLong ? 413 : 400).json({
          code: tooLong ? 413 : 400,
          error: tooLong ? `TOO_LONG: request body over ${limit} bytes` : `BAD_PAYLOAD: ${err.message}`,
        });
      }
      try {
        req.body = text.trim() ? (JSON.parse(text) as unknown) : {};
      } catch {
        return void res.status(400).json({ code: 400, error: "BAD_PAYLOAD: the body is not JSON" });
      }
      next();
    });
  };
}
