@node "%~dp0replay.mjs" %*
