"""Fill resources/translations/yanji_zh_CN.ts from the table below, after
`pyside6-lupdate ui/*.py -ts resources/translations/yanji_zh_CN.ts` has added new
strings. Prints any string still without a translation (and exits 1)."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parents[1] / "resources" / "translations" / "yanji_zh_CN.ts"

ZH = {
    "IMEI, serial, seller name or phone; Enter to search": "IMEI、序列号、卖家姓名或手机号，回车搜索",
    "Created": "创建时间",
    "Phone": "手机",
    "State": "状态",
    "Grade": "成色",
    "Price": "价格",
    "Seller": "卖家",
    "History": "历史记录",
    "unknown phone": "未知手机",
    "&Photograph the phone": "拍照(&P)",
    "Identify": "识别",
    "Could not be read:": "无法读取：",
    "nothing: every item was read": "无：全部已读取",
    "Activation lock / account lock is ON: do not buy": "激活锁/账号锁已开启：不能回收",
    "Google account (FRP) is signed in: have it removed first": "已登录谷歌账号（FRP）：请先退出",
    "Managed by an organisation (MDM, 监控机): do not buy": "设备受企业监管（MDM，监控机）：不能回收",
    "Rooted or jailbroken": "已root或越狱",
    "Bootloader unlocked": "Bootloader已解锁",
    "Replaced parts: %1": "更换过的部件：%1",
    "Model code": "型号代码",
    "Storage": "存储容量",
    "Colour / region": "颜色 / 版本",
    "System": "系统",
    "Serial": "序列号",
    "IMEI": "IMEI",
    "Battery health": "电池健康",
    "%1, %2 cycles": "%1，循环 %2 次",
    "Locks": "锁",
    "activation": "激活锁",
    "carrier": "运营商锁",
    "ON": "开启",
    "off": "关闭",
    "unknown": "未知",
    "Connection": "连接",
    "&Inspect the selected phone": "检测所选手机(&I)",
    "Connected phones": "已连接的手机",
    " (bundled sample)": "（内置示例）",
    "demo photos": "演示照片",
    "camera %1": "摄像头 %1",
    "on": "开",
    "off (not configured)": "关（未配置）",
    "Camera: %1 · Price sheet: v%2 %3, effective %4%5 · Sync: %6": "摄像头：%1 · 价格表：v%2 %3，%4 起生效%5 · 同步：%6",
    "unplugged": "已拔出",
    "reading…": "读取中…",
    "tap “Allow USB debugging” on the phone": "请在手机上点“允许USB调试”",
    "tap “Trust” on the iPhone": "请在iPhone上点“信任”",
    "trust declined: replug": "已拒绝信任：请重新插入",
    "unlock the iPhone": "请解锁iPhone",
    "not paired": "未配对",
    "ready": "就绪",
    "LOCKED": "有锁",
    "could not be read": "无法读取",
    "&Capture": "拍照(&C)",
    "&Review the findings": "复核检测结果(&R)",
    "Captures, in order:": "按顺序拍摄：",
    "1. Screen off, glass up": "1. 熄屏，屏幕朝上",
    "2. Back": "2. 背面",
    "3. Sides": "3. 侧面",
    "Looks good: capture": "画面良好：可以拍照",
    "Storing and analysing the photo…": "正在保存并分析照片…",
    "The photo could not be stored: %1": "照片无法保存：%1",
    "Line": "项目",
    "Amount": "金额",
    "Evidence": "依据",
    "&Price the phone": "估价(&P)",
    "Show the &seller": "给卖家看(&S)",
    "&Change the price…": "调整价格(&C)…",
    "&Agree and seal": "同意并封存(&A)",
    "Rules that decided the grade:": "决定成色的规则：",
    "Not priced yet": "尚未估价",
    "Grade %1 · CTIA %2/%3 · screen %4": "成色 %1 · CTIA %2/%3 · 屏幕 %4",
    "REFUSED: this phone cannot be bought": "拒收：此手机不能回收",
    "Total: %1": "合计：%1",
    "Cannot price": "无法估价",
    "Change the price": "调整价格",
    "New price (¥):": "新价格（元）：",
    "Why?": "原因？",
    "Manager approval": "店长批准",
    "Manager PIN:": "店长密码：",
    "&Accept review and price": "确认复核并估价(&A)",
    "Findings (untick to reject):": "检测结果（取消勾选即驳回）：",
    "Evidence:": "证据：",
    "Draw a box on the photo to add a finding of kind:": "在照片上框选以添加此类缺陷：",
    " (clerk)": "（店员）",
    "No findings: the glass looks clean": "无缺陷：屏幕干净",
    "drawn by the clerk": "店员框选",
    "The seller has seen the itemised quote and agrees": "卖家已查看分项报价并同意",
    "&Seal the record": "封存记录(&S)",
    "Seller's name": "卖家姓名",
    "ID number": "身份证号",
    "Mobile": "手机号",
    "Seal": "封存",
    "Sealed. This record is now read-only.": "已封存，记录不可再修改。",
    "Tick the seller's agreement first.": "请先勾选卖家同意。",
    "Your quote": "您的报价",
    "Total ¥%1": "合计 ¥%1",
    "System language": "跟随系统",
    "&Save settings": "保存设置(&S)",
    "&Import a price sheet (CSV or XLSX)…": "导入价格表（CSV或XLSX）(&I)…",
    "Station name": "验机台名称",
    "Store name": "门店名称",
    "Clerk": "店员",
    "Camera": "摄像头",
    "Resolution": "分辨率",
    "Language (after restart)": "语言（重启后生效）",
    "Data directory": "数据目录",
    "Settings": "设置",
    "Saved.": "已保存。",
    "Price sheet": "价格表",
    "Price sheets (*.csv *.xlsx *.txt)": "价格表 (*.csv *.xlsx *.txt)",
    "Importing %1…": "正在导入 %1…",
    "Imported as version %1.": "已导入为第 %1 版。",
    "Yanji inspection station": "验机台",
    "1 Phones": "1 手机",
    "2 Identify": "2 识别",
    "3 Photograph": "3 拍照",
    "4 Review": "4 复核",
    "5 Grade & quote": "5 成色与报价",
    "6 Seal": "6 封存",
    "7 History": "7 历史记录",
    "8 Settings": "8 设置",
    "DEMO: recorded phones and generated photos": "演示：录制的手机与生成的照片",
    "Something went wrong": "出错了",
    "any grade": "全部成色",
    "any time": "全部时间",
    "today": "今天",
    "last 7 days": "最近7天",
    "last 30 days": "最近30天",
    "2. Screen on, white test pattern": "2. 亮屏，显示白色测试图",
    "3. Back": "3. 背面",
    "4. Sides": "4. 侧面",
    "draft": "草稿",
    "reviewed": "已复核",
    "quoted": "已报价",
    "sealed": "已封存",
    "erased": "已擦除",
}


def main() -> int:
    tree = ET.parse(TS)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if source in ZH:
            translation.text = ZH[source]
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    for source in missing:
        print(f"no Chinese for: {source!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
