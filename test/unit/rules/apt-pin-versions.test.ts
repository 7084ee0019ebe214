import { ruleTester } from '../../helpers/rule-tester';

ruleTester('apt-pin-versions', {
  valid: [
    'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5\n',
    'FROM debian:12\nRUN apt-get install -y --no-install-recommends -t bookworm-backports git=1:2.43.0-1~bpo12+1\n',
    'FROM debian:12\nRUN apt-get install -y --no-install-recommends /tmp/pkg.deb ./local.deb\n',
    'FROM debian:12\nRUN apt-get install -y --no-install-recommends "curl=${CURL_VERSION}" $EXTRA\n',
    'FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n',
    'FROM debian:12\nRUN echo apt-get install curl\n',
    'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n',
  ],
  invalid: [
    {
      name: 'each unpinned package is its own finding',
      code: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl git=1:2.39.2-1.1\n',
      errors: [{ line: 2, column: 48, endColumn: 52, message: /`curl=<version>`/ }],
    },
    {
      name: 'the -t release value is not a package; continuation lines',
      code: 'FROM debian:12\nRUN apt-get update \\\n  && apt-get -t bookworm install -y --no-install-recommends \\\n     ca-certificates \\\n     wget\n',
      errors: [
        { line: 4, column: 6, endColumn: 21 },
        { line: 5, column: 6, endColumn: 10 },
      ],
    },
    {
      name: 'apt install, sudo, ONBUILD and heredoc',
      code: 'FROM debian:12\nONBUILD RUN sudo apt install -y --no-install-recommends vim\nRUN <<EOF\napt-get install -y --no-install-recommends jq\nEOF\n',
      errors: [
        { line: 2, column: 57 },
        { line: 4, column: 44 },
      ],
    },
  ],
});
