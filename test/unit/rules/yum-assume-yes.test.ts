import { ruleTester } from '../../helpers/rule-tester';

ruleTester('yum-assume-yes', {
  valid: [
    'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
    'FROM centos:7\nRUN yum -y install httpd-2.4.6 && yum clean all\n',
    'FROM centos:7\nRUN yum install --assumeyes httpd-2.4.6 && yum clean all\n',
    'FROM centos:7\nRUN yum makecache\n',
  ],
  invalid: [
    {
      code: 'FROM centos:7\nRUN yum install httpd-2.4.6 && yum clean all\n',
      errors: [{ line: 2, column: 5, endColumn: 16, message: /-y/ }],
      output: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
    },
    {
      name: 'groupinstall, localinstall, ONBUILD',
      code: 'FROM centos:7\nONBUILD RUN yum groupinstall "Dev Tools" && yum localinstall /x.rpm && yum clean all\n',
      errors: [
        { line: 2, column: 13, endColumn: 29 },
        { line: 2, column: 45, endColumn: 61 },
      ],
      output:
        'FROM centos:7\nONBUILD RUN yum groupinstall -y "Dev Tools" && yum localinstall -y /x.rpm && yum clean all\n',
    },
  ],
});
