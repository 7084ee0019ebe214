import { ruleTester } from '../../helpers/rule-tester';

ruleTester('unknown-flag', {
  valid: [
    'FROM --platform=$BUILDPLATFORM a:1\nCOPY --from=0 --chown=1 --chmod=644 --link --parents --exclude=*.md . /x\nADD --checksum=sha256:abc --keep-git-dir --unpack=true https://x/y /z\nRUN --mount=type=cache,target=/c --network=none --security=insecure x\nHEALTHCHECK --interval=5s --timeout=1s --start-period=1s --start-interval=1s --retries=3 CMD true\n',
  ],
  invalid: [
    {
      code: 'FROM a:1 AS b\nFROM a:1\nCOPY --form=b /x /y\nRUN --mout=type=cache,target=/c true\n',
      errors: [
        { line: 3, column: 6, endColumn: 12, message: /did you mean `--from`/ },
        { line: 4, column: 5, endColumn: 11, message: /--mount/ },
      ],
      output: 'FROM a:1 AS b\nFROM a:1\nCOPY --from=b /x /y\nRUN --mount=type=cache,target=/c true\n',
    },
    {
      name: 'instructions without flags, and ONBUILD',
      code: 'FROM a:1\nWORKDIR --x /a\nONBUILD COPY --bogus /a /b\n',
      errors: [
        { line: 2, column: 9, message: /takes no flags/ },
        { line: 3, column: 14, message: /accepts/ },
      ],
    },
  ],
});
