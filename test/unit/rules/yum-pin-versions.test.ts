import { ruleTester } from '../../helpers/rule-tester';

ruleTester('yum-pin-versions', {
  valid: [
    'FROM centos:7\nRUN yum install -y httpd-2.4.6 python3-devel-3.6.8 && yum clean all\n',
    'FROM centos:7\nRUN yum install -y /tmp/x.rpm https://example.com/y.rpm @development "pkg-${VERSION}" && yum clean all\n',
    'FROM centos:7\nRUN yum module install -y nodejs:18 && yum clean all\n',
    'FROM centos:7\nRUN yum remove -y httpd\n',
  ],
  invalid: [
    {
      code: 'FROM centos:7\nRUN yum install -y httpd python3-devel && yum clean all\n',
      errors: [
        { line: 2, column: 20, endColumn: 25, message: /`httpd-<version>`/ },
        { line: 2, column: 26, endColumn: 39 },
      ],
    },
    {
      name: 'a module without a stream; option values skipped; ONBUILD',
      code: 'FROM centos:7\nONBUILD RUN yum --enablerepo epel module install -y nodejs && yum -y install --setopt x=1 jq && yum clean all\n',
      errors: [
        { line: 2, column: 53, message: /stream/ },
        { line: 2, column: 91 },
      ],
    },
  ],
});
