import { ruleTester } from '../../helpers/rule-tester';

ruleTester('compose-docker-socket', {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./html:/usr/share/nginx/html:ro\n      - data:/data\n      - /var/run/postgresql:/var/run/postgresql\nvolumes:\n  data: {}\n',
    {
      name: 'a tmpfs or volume named like the socket is not a bind mount',
      code: 'services:\n  a:\n    image: a:1\n    volumes:\n      - type: volume\n        source: docker.sock\n        target: /x\n',
    },
    {
      name: 'container-only path',
      code: 'services:\n  a:\n    image: a:1\n    volumes: ["/var/run/docker.sock"]\n',
    },
  ],
  invalid: [
    {
      code: 'services:\n  traefik:\n    image: traefik:v3.1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n',
      errors: [
        {
          line: 5,
          column: 9,
          endColumn: 29,
          message: /Service `traefik` mounts the Docker socket: .*root on the host\. If the service/,
        },
      ],
    },
    {
      name: 'read-only is flagged too, and says why',
      code: 'services:\n  w:\n    image: w:1\n    volumes:\n      - "/run/docker.sock:/var/run/docker.sock:ro"\n      - type: bind\n        source: /var/run/docker.sock\n        target: /var/run/docker.sock\n        read_only: true\n',
      errors: [
        { line: 5, column: 10, endColumn: 26, message: /read-only does not help/ },
        { line: 7, column: 17, message: /read-only does not help/ },
      ],
    },
    {
      name: 'rootless socket, Windows-style double slash, variables with defaults, the engine pipe',
      code: 'services:\n  a:\n    image: a:1\n    volumes:\n      - ${XDG_RUNTIME_DIR:-/run/user/1000}/docker.sock:/var/run/docker.sock\n      - //var/run/docker.sock:/var/run/docker.sock\n      - type: npipe\n        source: \\\\.\\pipe\\docker_engine\n        target: \\\\.\\pipe\\docker_engine\n',
      errors: [
        { line: 5, column: 9, endColumn: 55 },
        { line: 6, column: 9 },
        { line: 8, column: 17, message: /Docker engine pipe/ },
      ],
    },
    {
      name: 'the whole /var/run',
      code: 'services:\n  a:\n    image: a:1\n    volumes: [/var/run:/host/run]\n',
      errors: [{ line: 4, column: 15, message: /`\/var\/run`, which holds the Docker socket/ }],
    },
  ],
});
