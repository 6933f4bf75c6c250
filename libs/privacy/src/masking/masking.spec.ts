import { maskAddress, maskIdNumber, maskName, maskPhone } from './masking';

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    ['买买提·艾力', '买*****'],
    [' 王小明 ', '王**'],
    ['Li Wei', 'L***'],
    ['Alexandra Smith', 'A***'],
    ['张', '*'],
    ['', ''],
  ])('masks %p as %p', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});

describe('maskIdNumber', () => {
  it.each([
    ['32021119900101123X', '320211********123X'],
    ['11010519491231002x', '110105********002X'],
    ['110105491231002', '110105*****1002'],
    ['A1234567', '******67'],
    ['12', '**'],
  ])('masks %p as %p', (idNumber, masked) => {
    expect(maskIdNumber(idNumber)).toBe(masked);
  });
});

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+86 138-1234-5678', '138****5678'],
    ['0510-88881234', '051*****1234'],
    ['12345', '***45'],
  ])('masks %p as %p', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });
});

describe('maskAddress', () => {
  it.each([
    ['江苏省无锡市梁溪区广瑞路88号3单元401室', '江苏省无锡市梁溪区广瑞路****'],
    ['梁溪区广瑞一村 12-301', '梁溪区广瑞一村****'],
    ['Guangyi New Village, 5 Building, Room 202', 'Guangyi New Village****'],
    ['12 Main Street, Wuxi', '** Main Street, Wuxi'],
    ['江苏省无锡市梁溪区广瑞一村', '江苏省无锡市梁****'],
    ['', ''],
  ])('masks %p as %p', (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });
});
